// A time series of the site page (line traffic, firewall permits and denies): Chart.js lines over epoch
// milliseconds, ticks in JST, drag to zoom, wheel with Ctrl to zoom, Shift-drag to pan (chartjs-plugin-zoom).
const clock = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });

function theme() {
  const style = getComputedStyle(document.documentElement);
  return {
    grid: style.getPropertyValue('--bs-border-color').trim() || '#dee2e6',
    text: style.getPropertyValue('--bs-body-color').trim() || '#212529',
    v: name => style.getPropertyValue(name).trim(),
  };
}

function formatValue(v, unit) {
  if (unit !== 'bps') return Number.isInteger(v) ? String(v) : v.toFixed(1);
  const units = ['bit/s', 'kbit/s', 'Mbit/s', 'Gbit/s'];
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) { v /= 1000; i++; }
  return `${v.toFixed(v >= 100 || i === 0 ? 0 : 1)} ${units[i]}`;
}

// data: { t: [ms…], series: [{ label, colorVar, fallback, values: […] }], unit: 'bps' | 'count', stacked: bool }
function datasets(data, th) {
  return data.series.map(s => {
    const col = th.v(s.colorVar) || s.fallback;
    return {
      label: s.label,
      data: data.t.map((t, i) => ({ x: t, y: s.values[i] })),
      borderColor: col,
      backgroundColor: col + '55',
      fill: !!data.stacked,
      pointRadius: 0,
      borderWidth: 1.6,
      tension: 0.15,
      stepped: data.unit === 'count' ? 'before' : false,
    };
  });
}

export function create(canvas, data) {
  let th = theme();
  let unit = data.unit;
  const chart = new window.Chart(canvas, {
    type: 'line',
    data: { datasets: datasets(data, th) },
    options: {
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { labels: { color: th.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: items => (items.length ? clock.format(new Date(items[0].parsed.x)) : ''),
            label: item => `${item.dataset.label}: ${formatValue(item.parsed.y, unit)}`,
          },
        },
        zoom: {
          zoom: { drag: { enabled: true }, wheel: { enabled: true, modifierKey: 'ctrl' }, mode: 'x' },
          pan: { enabled: true, modifierKey: 'shift', mode: 'x' },
        },
      },
      scales: {
        x: { type: 'linear', min: data.min ?? undefined, max: data.max ?? undefined, ticks: { color: th.text, maxTicksLimit: 8, callback: v => clock.format(new Date(v)) }, grid: { display: false } },
        y: { beginAtZero: true, stacked: !!data.stacked, ticks: { color: th.text, callback: v => formatValue(v, unit) }, grid: { color: th.grid } },
      },
    },
  });
  const onTheme = () => { th = theme(); chart.data.datasets = datasets(data, th); chart.update(); };
  window.addEventListener('netops-theme', onTheme);
  return {
    update(next) {
      data = next;
      unit = next.unit;
      chart.data.datasets = datasets(next, th);
      chart.options.scales.x.min = next.min ?? undefined;
      chart.options.scales.x.max = next.max ?? undefined;
      chart.update();
    },
    resetZoom() { chart.resetZoom(); },
    destroy() {
      window.removeEventListener('netops-theme', onTheme);
      chart.destroy();
    },
  };
}
