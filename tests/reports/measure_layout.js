(function () {
  const found = {overlaps: [], cut: [], texts: 0};
  const shrink = (r, d) => ({l: r.left + d, r: r.right - d, t: r.top + d, b: r.bottom - d});
  const meet = (a, b) => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
  const shown = (el) => Array.from(el.childNodes).filter((n) => n.nodeName !== 'title').map((n) => n.textContent).join('').trim();
  const name = (el) => shown(el).slice(0, 50);
  const boxes = [];
  document.querySelectorAll('svg text').forEach((t) => {
    const r = t.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) boxes.push({svg: t.ownerSVGElement, box: shrink(r, 1), text: name(t), full: shown(t)});
  });
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.textContent.trim() || node.parentElement.closest('svg, script, style, pre#measured')) continue;
    if (node.textContent.includes('\u2026')) found.cut.push(['ellipsis', node.textContent.trim().slice(0, 50)]);
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) boxes.push({svg: null, box: shrink(r, 1), text: node.textContent.trim().slice(0, 50), node});
    }
  }
  found.texts = boxes.length;
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a.node && a.node === b.node) continue;
      if (meet(a.box, b.box)) found.overlaps.push(['text', a.text, b.text]);
    }
  }
  const segments = [];
  document.querySelectorAll('svg line, svg polyline, svg path.marker').forEach((el) => {
    const m = el.getScreenCTM();
    const at = (x, y) => ({x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f});
    if (el.tagName === 'line') {
      const g = (k) => el[k].baseVal.value;
      segments.push({svg: el.ownerSVGElement, kind: 'gridline', a: at(g('x1'), g('y1')), b: at(g('x2'), g('y2'))});
    } else if (el.tagName === 'polyline') {
      const p = el.points;
      for (let k = 0; k + 1 < p.numberOfItems; k++) {
        const u = p.getItem(k), v = p.getItem(k + 1);
        segments.push({svg: el.ownerSVGElement, kind: 'data line', a: at(u.x, u.y), b: at(v.x, v.y)});
      }
    } else {
      const r = el.getBoundingClientRect();
      segments.push({svg: el.ownerSVGElement, kind: 'marker', box: shrink(r, 0)});
    }
  });
  const crosses = (s, box) => {
    if (s.box) return meet(s.box, box);
    // sample the segment: enough for boxes a few pixels high
    const n = Math.max(2, Math.ceil(Math.hypot(s.b.x - s.a.x, s.b.y - s.a.y) / 2));
    for (let k = 0; k <= n; k++) {
      const x = s.a.x + (s.b.x - s.a.x) * k / n, y = s.a.y + (s.b.y - s.a.y) * k / n;
      if (x > box.l && x < box.r && y > box.t && y < box.b) return true;
    }
    return false;
  };
  for (const t of boxes) {
    if (!t.svg) continue;
    for (const s of segments) if (s.svg === t.svg && crosses(s, t.box)) found.overlaps.push([s.kind, t.text]);
    const frame = t.svg.getBoundingClientRect();
    if (t.box.l < frame.left - 1 || t.box.r > frame.right + 1 || t.box.t < frame.top - 1 || t.box.b > frame.bottom + 1) found.cut.push(['outside its chart', t.text]);
    if (t.full.includes('\u2026')) found.cut.push(['ellipsis', t.text]);
  }
  document.querySelectorAll('body *').forEach((el) => {
    const style = getComputedStyle(el);
    const hides = (v) => v === 'hidden' || v === 'clip';
    if ((hides(style.overflowX) && el.scrollWidth > el.clientWidth + 1) || style.textOverflow === 'ellipsis') found.cut.push(['clipped', name(el)]);
  });
  const pre = document.createElement('pre');
  pre.id = 'measured';
  pre.textContent = JSON.stringify(found);
  document.body.appendChild(pre);
})();
