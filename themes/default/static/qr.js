// QR codes drawn in the browser, with no network and no library: the hand-in dialog
// (handin.js) shows a learner's record as one or more of these for the team leader's
// phone to scan. Written from ISO/IEC 18004: byte mode, versions 1–40, error correction
// level M (L when the text does not fit at M), the mask with the lowest penalty score,
// drawn as SVG so it stays crisp on screen and on paper.
//
//   lectern.qr.encode(text) → { version, level: "M"|"L", mask, size, dark(x, y) } or null
//   lectern.qr.svg(text, title) → an <svg> element (null when the text is too long)
(function (global) {
  "use strict";

  // Per error-correction level, indexed by version (1–40): error-correction codewords
  // per block, and the number of blocks (ISO/IEC 18004 table 9).
  var LEVELS = {
    L: {
      bits: 1,
      ecPerBlock: [0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30],
      blocks: [0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25]
    },
    M: {
      bits: 0,
      ecPerBlock: [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28],
      blocks: [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]
    }
  };

  // ---- GF(256) arithmetic and Reed–Solomon (field polynomial x^8+x^4+x^3+x^2+1) ------
  var EXP = new Array(512), LOG = new Array(256);
  (function () {
    var x = 1;
    for (var i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    for (i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  })();

  function mul(a, b) { return a && b ? EXP[LOG[a] + LOG[b]] : 0; }

  // The generator (x - α^0)(x - α^1)…(x - α^(n-1)), highest power first, leading 1 left out.
  function generator(n) {
    var g = [1];
    for (var i = 0; i < n; i++) {
      var next = new Array(g.length + 1).fill(0);
      for (var j = 0; j < g.length; j++) {
        next[j] ^= g[j];
        next[j + 1] ^= mul(g[j], EXP[i]);
      }
      g = next;
    }
    return g.slice(1);
  }

  // The remainder of data·x^n divided by the generator: the n error-correction codewords.
  function remainder(data, gen) {
    var rem = new Array(gen.length).fill(0);
    data.forEach(function (byte) {
      var factor = byte ^ rem.shift();
      rem.push(0);
      for (var i = 0; i < gen.length; i++) rem[i] ^= mul(gen[i], factor);
    });
    return rem;
  }

  // ---- the symbol's fixed parts ----------------------------------------------------
  // Alignment pattern centres: 6, then evenly spaced (an even step) back from size-7.
  // Version 32 is the one the standard spaces by 26 where this rule gives 28.
  function alignmentCentres(version) {
    if (version === 1) return [];
    var count = Math.floor(version / 7) + 2, last = version * 4 + 10;
    var step = version === 32 ? 26 : Math.ceil((last - 6) / (count - 1) / 2) * 2;
    var centres = [6];
    for (var c = last - (count - 2) * step; c <= last; c += step) centres.push(c);
    return centres;
  }

  function Grid(version) {
    var size = version * 4 + 17;
    this.version = version;
    this.size = size;
    this.dark = new Uint8Array(size * size);
    this.fixed = new Uint8Array(size * size);
    this.drawFixed();
  }

  Grid.prototype.set = function (x, y, dark, fixed) {
    this.dark[y * this.size + x] = dark ? 1 : 0;
    if (fixed) this.fixed[y * this.size + x] = 1;
  };
  Grid.prototype.get = function (x, y) { return this.dark[y * this.size + x] === 1; };
  Grid.prototype.isFixed = function (x, y) { return this.fixed[y * this.size + x] === 1; };

  Grid.prototype.drawFixed = function () {
    var size = this.size, self = this, i;
    for (i = 0; i < size; i++) {
      this.set(6, i, i % 2 === 0, true);
      this.set(i, 6, i % 2 === 0, true);
    }
    // Finder patterns with their light separators (a 9×9 area, clipped at the edges).
    [[3, 3], [size - 4, 3], [3, size - 4]].forEach(function (c) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var x = c[0] + dx, y = c[1] + dy, ring = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && x < size && y >= 0 && y < size) self.set(x, y, ring !== 2 && ring !== 4, true);
        }
      }
    });
    var centres = alignmentCentres(this.version), n = centres.length;
    centres.forEach(function (cy, a) {
      centres.forEach(function (cx, b) {
        // Not on the three finder patterns.
        if ((a === 0 && b === 0) || (a === 0 && b === n - 1) || (a === n - 1 && b === 0)) return;
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) self.set(cx + dx, cy + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1, true);
        }
      });
    });
    this.drawFormat(0); // reserves the format areas; drawn for real once the mask is known
    if (this.version >= 7) {
      var bits = bch(this.version, 0x1f25, 12);
      for (i = 0; i < 18; i++) {
        var on = (bits >>> i) & 1, a = size - 11 + (i % 3), b = Math.floor(i / 3);
        this.set(a, b, on, true);
        this.set(b, a, on, true);
      }
    }
  };

  // `value` followed by its BCH check bits (generator `poly`, `checkBits` of them).
  function bch(value, poly, checkBits) {
    var top = 31 - Math.clz32(poly), rem = value << checkBits;
    for (var shift = 31 - Math.clz32(rem) - top; shift >= 0; shift = 31 - Math.clz32(rem) - top) rem ^= poly << shift;
    return (value << checkBits) | rem;
  }

  // Two copies of the 15 format bits (level and mask), and the one always-dark module.
  Grid.prototype.drawFormat = function (bits) {
    var size = this.size, i;
    for (i = 0; i <= 5; i++) this.set(8, i, (bits >>> i) & 1, true);
    this.set(8, 7, (bits >>> 6) & 1, true);
    this.set(8, 8, (bits >>> 7) & 1, true);
    this.set(7, 8, (bits >>> 8) & 1, true);
    for (i = 9; i < 15; i++) this.set(14 - i, 8, (bits >>> i) & 1, true);
    for (i = 0; i < 8; i++) this.set(size - 1 - i, 8, (bits >>> i) & 1, true);
    for (i = 8; i < 15; i++) this.set(8, size - 15 + i, (bits >>> i) & 1, true);
    this.set(8, size - 8, 1, true);
  };

  // The modules left for data, in placement order: two-module columns from the right
  // edge, upwards then downwards in turn, stepping over the vertical timing pattern.
  Grid.prototype.dataPath = function () {
    var size = this.size, path = [], upward = true;
    for (var right = size - 1; right > 0; right -= 2) {
      if (right === 6) right = 5;
      for (var k = 0; k < size; k++) {
        var y = upward ? size - 1 - k : k;
        for (var x = right; x >= right - 1; x--) if (!this.isFixed(x, y)) path.push(y * size + x);
      }
      upward = !upward;
    }
    return path;
  };

  var MASKS = [
    function (x, y) { return (x + y) % 2 === 0; },
    function (x, y) { return y % 2 === 0; },
    function (x) { return x % 3 === 0; },
    function (x, y) { return (x + y) % 3 === 0; },
    function (x, y) { return (Math.floor(y / 2) + Math.floor(x / 3)) % 2 === 0; },
    function (x, y) { return ((x * y) % 2) + ((x * y) % 3) === 0; },
    function (x, y) { return (((x * y) % 2) + ((x * y) % 3)) % 2 === 0; },
    function (x, y) { return (((x + y) % 2) + ((x * y) % 3)) % 2 === 0; }
  ];

  // ---- the penalty rules that choose the mask -------------------------------------
  function penalty(sym) {
    var size = sym.size, score = 0, dark = 0, x, y;
    function line(get) {
      var s = 0, run = 1, i;
      for (i = 1; i <= size; i++) {
        if (i < size && get(i) === get(i - 1)) { run++; continue; }
        if (run >= 5) s += run - 2;
        run = 1;
      }
      // 1:1:3:1:1 with four light modules on one side (outside the symbol is light):
      // the last eleven modules as bits, compared with both orders of the pattern.
      var window11 = 0;
      for (i = 0; i < size + 4; i++) {
        window11 = ((window11 << 1) | (i < size && get(i) ? 1 : 0)) & 0x7ff;
        if (i >= 10 - 4 && (window11 === 0x5d0 || window11 === 0x05d)) s += 40;
      }
      return s;
    }
    for (y = 0; y < size; y++) score += line(function (i) { return sym.get(i, y); });
    for (x = 0; x < size; x++) score += line(function (i) { return sym.get(x, i); });
    for (y = 0; y < size; y++) {
      for (x = 0; x < size; x++) {
        var c = sym.get(x, y);
        if (c) dark++;
        if (x < size - 1 && y < size - 1 && c === sym.get(x + 1, y) && c === sym.get(x, y + 1) && c === sym.get(x + 1, y + 1)) score += 3;
      }
    }
    return score + Math.floor(Math.abs(dark * 100 / (size * size) - 50) / 5) * 10;
  }

  // ---- encoding ----------------------------------------------------------------------
  var dataModules = [];
  function capacityBits(version, level) {
    if (!dataModules[version]) dataModules[version] = new Grid(version).dataPath().length;
    var total = Math.floor(dataModules[version] / 8);
    var L = LEVELS[level];
    return (total - L.ecPerBlock[version] * L.blocks[version]) * 8;
  }

  function fits(bytes, version, level) {
    var countBits = version < 10 ? 8 : 16;
    return bytes.length < 1 << countBits && 4 + countBits + bytes.length * 8 <= capacityBits(version, level);
  }

  function dataCodewords(bytes, version, level) {
    var bits = [], capacity = capacityBits(version, level);
    function put(value, n) { for (var i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    put(4, 4); // byte mode
    put(bytes.length, version < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    put(0, Math.min(4, capacity - bits.length));
    put(0, (8 - (bits.length % 8)) % 8);
    var words = [];
    for (var i = 0; i < bits.length; i += 8) {
      var w = 0;
      for (var k = 0; k < 8; k++) w = (w << 1) | bits[i + k];
      words.push(w);
    }
    for (var pad = 0; words.length < capacity / 8; pad++) words.push(pad % 2 ? 0x11 : 0xec);
    return words;
  }

  // Data split into blocks (the shorter ones first), each followed by its own
  // error correction, then read out column by column across the blocks.
  function interleave(data, version, level) {
    var L = LEVELS[level], n = L.blocks[version], ecLen = L.ecPerBlock[version];
    var shortLen = Math.floor(data.length / n), longCount = data.length % n;
    var gen = generator(ecLen), blocks = [], at = 0, i;
    for (i = 0; i < n; i++) {
      var len = shortLen + (i >= n - longCount ? 1 : 0);
      var block = data.slice(at, at + len);
      at += len;
      blocks.push({ data: block, ec: remainder(block, gen) });
    }
    var out = [];
    for (i = 0; i <= shortLen; i++) blocks.forEach(function (b) { if (i < b.data.length) out.push(b.data[i]); });
    for (i = 0; i < ecLen; i++) blocks.forEach(function (b) { out.push(b.ec[i]); });
    return out;
  }

  function encode(text) {
    var bytes = Array.from(new TextEncoder().encode(String(text)));
    var version = 0, level = null;
    ["M", "L"].some(function (l) {
      for (var v = 1; v <= 40; v++) if (fits(bytes, v, l)) { version = v; level = l; return true; }
      return false;
    });
    if (!level) return null;
    var codewords = interleave(dataCodewords(bytes, version, level), version, level);
    var base = new Grid(version), path = base.dataPath();
    path.forEach(function (cell, i) {
      var word = codewords[i >> 3];
      base.dark[cell] = word === undefined ? 0 : (word >>> (7 - (i & 7))) & 1;
    });
    var best = null;
    MASKS.forEach(function (rule, m) {
      var sym = new Grid(version);
      sym.dark.set(base.dark);
      path.forEach(function (cell) { if (rule(cell % sym.size, Math.floor(cell / sym.size))) sym.dark[cell] ^= 1; });
      sym.drawFormat(bch((LEVELS[level].bits << 3) | m, 0x537, 10) ^ 0x5412);
      var score = penalty(sym);
      if (!best || score < best.score) best = { sym: sym, score: score, mask: m };
    });
    var sym = best.sym;
    return {
      version: version,
      level: level,
      mask: best.mask,
      size: sym.size,
      dark: function (x, y) { return sym.get(x, y); }
    };
  }

  // One path of unit squares inside a four-module light margin (the quiet zone).
  function svg(text, title) {
    var code = encode(text);
    if (!code) return null;
    var NS = "http://www.w3.org/2000/svg", side = code.size + 8, d = "";
    for (var y = 0; y < code.size; y++) {
      for (var x = 0; x < code.size; x++) if (code.dark(x, y)) d += "M" + (x + 4) + " " + (y + 4) + "h1v1h-1z";
    }
    var el = document.createElementNS(NS, "svg");
    el.setAttribute("viewBox", "0 0 " + side + " " + side);
    el.setAttribute("shape-rendering", "crispEdges");
    el.setAttribute("role", "img");
    el.setAttribute("class", "qr");
    el.setAttribute("data-version", code.version);
    el.setAttribute("data-level", code.level);
    if (title) {
      var t = document.createElementNS(NS, "title");
      t.textContent = title;
      el.appendChild(t);
    }
    var bg = document.createElementNS(NS, "rect");
    bg.setAttribute("width", side);
    bg.setAttribute("height", side);
    bg.setAttribute("fill", "#fff");
    var fg = document.createElementNS(NS, "path");
    fg.setAttribute("d", d);
    fg.setAttribute("fill", "#000");
    el.appendChild(bg);
    el.appendChild(fg);
    return el;
  }

  global.lectern = global.lectern || {};
  global.lectern.qr = { encode: encode, svg: svg };
})(typeof window !== "undefined" ? window : globalThis);
