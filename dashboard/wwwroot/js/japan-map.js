// The overview's map of Japan: every municipality a point coloured by its state, every prefecture the outlines of
// its municipalities coloured by its worst state (Chart.js scatter and filled lines). Geometry comes once; each push
// sends only the states (a character per site, a character per prefecture).
const STATE_VARS = { u: '--netops-up', b: '--netops-backup', g: '--netops-degraded', d: '--netops-down', n: '--netops-unknown' };
const FALLBACK = { u: '#198754', b: '#0dcaf0', g: '#ffc107', d: '#dc3545', n: '#6c757d' };

function palette() {
  const style = getComputedStyle(document.documentElement);
  const p = {};
  for (const [k, v] of Object.entries(STATE_VARS)) p[k] = style.getPropertyValue(v).trim() || FALLBACK[k];
  p.edge = style.getPropertyValue('--bs-border-color').trim() || '#adb5bd';
  p.text = style.getPropertyValue('--bs-body-color').trim() || '#212529';
  return p;
}

function alpha(hex, a) {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${a})`;
}

function inside(x, y, pts) {
  let hit = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const [xi, yi] = pts[i], [xj, yj] = pts[j];
    if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

// geometry: { outlines: [{ p: '13', pts: [[x, y], …] }], sites: [{ c, n, x, y }], inset: [x0, y0, x1, y1], bounds: [x0, y0, x1, y1] }
export function create(canvas, geometry, siteStates, prefStates, labels) {
  let c = palette();
  let states = siteStates;
  let prefs = prefStates; // { '13': 'b', … }
  const sitePoints = geometry.sites.map(s => ({ x: s.x, y: s.y }));
  const outlineSets = geometry.outlines.map(o => ({
    type: 'line',
    data: [...o.pts, o.pts[0]].map(([x, y]) => ({ x, y })),
    pref: o.p,
    fill: true,
    borderWidth: 0.8,
    pointRadius: 0,
    tension: 0,
    order: 2,
  }));
  const [ix0, iy0, ix1, iy1] = geometry.inset;
  const insetSet = {
    type: 'line',
    data: [{ x: ix0, y: iy0 }, { x: ix1, y: iy0 }, { x: ix1, y: iy1 }, { x: ix0, y: iy1 }, { x: ix0, y: iy0 }],
    fill: false, borderWidth: 1, borderDash: [4, 3], pointRadius: 0, order: 3, inset: true,
  };
  const siteSet = { type: 'scatter', data: sitePoints, order: 1, pointRadius: 2.4, pointHoverRadius: 5, borderWidth: 0 };

  function paint() {
    for (const ds of outlineSets) {
      const k = prefs[ds.pref] || 'n';
      const col = c[k];
      // not judged yet: a pale outline, so the map reads as a map and not as a grey alarm
      ds.backgroundColor = alpha(col, k === 'n' ? 0.1 : 0.35);
      ds.borderColor = alpha(col, k === 'n' ? 0.55 : 0.95);
    }
    insetSet.borderColor = c.edge;
    siteSet.pointBackgroundColor = Array.from(states, k => c[k] || c.n);
    // worse sites drawn bigger, so one site down is seen on a wall screen
    siteSet.pointRadius = Array.from(states, k => (k === 'd' ? 5 : k === 'b' || k === 'g' ? 4 : 2.4));
  }
  paint();
  const [x0, y0, x1, y1] = geometry.bounds;
  const lonScale = Math.cos((36 * Math.PI) / 180);
  const chart = new window.Chart(canvas, {
    data: { datasets: [...outlineSets, insetSet, siteSet] },
    options: {
      animation: false,
      aspectRatio: ((x1 - x0) * lonScale) / (y1 - y0),
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: item => item.dataset === siteSet,
          callbacks: {
            label: item => {
              const s = geometry.sites[item.dataIndex];
              return `${s.c} ${s.n}: ${labels[states[item.dataIndex]] || ''}`;
            },
          },
        },
      },
      scales: {
        x: { type: 'linear', min: x0, max: x1, display: false },
        y: { type: 'linear', min: y0, max: y1, display: false },
      },
      onClick: (evt, elements) => {
        const site = elements.find(e => e.datasetIndex === outlineSets.length + 1);
        if (site) { window.Blazor.navigateTo('/sites/' + geometry.sites[site.index].c); return; }
        const x = chart.scales.x.getValueForPixel(evt.x), y = chart.scales.y.getValueForPixel(evt.y);
        const hit = geometry.outlines.find(o => inside(x, y, o.pts));
        if (hit) window.Blazor.navigateTo('/municipalities?prefecture=' + hit.p);
      },
      onHover: (evt, elements) => { evt.native.target.style.cursor = elements.length ? 'pointer' : 'default'; },
    },
  });
  const stateOf = code => states[geometry.sites.findIndex(s => s.c === code)];
  canvas.netopsStateOf = stateOf;
  const onTheme = () => { c = palette(); paint(); chart.update(); };
  window.addEventListener('netops-theme', onTheme);
  return {
    update(newStates, newPrefs) {
      states = newStates;
      prefs = newPrefs;
      paint();
      chart.update();
      canvas.dataset.version = String((Number(canvas.dataset.version) || 0) + 1);
    },
    destroy() {
      window.removeEventListener('netops-theme', onTheme);
      chart.destroy();
    },
  };
}
