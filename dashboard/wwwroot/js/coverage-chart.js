// Coverage of one advisory by prefecture: delivered, failed and pending stacked per prefecture, acknowledged as a
// second bar beside them. A horizontal Chart.js bar chart that follows the theme; 47 prefectures read top to bottom.
function colours() {
  const style = getComputedStyle(document.documentElement);
  const v = (name, fallback) => style.getPropertyValue(name).trim() || fallback;
  return {
    sent: v('--bs-success', '#198754'),
    failed: v('--bs-danger', '#dc3545'),
    pending: v('--bs-secondary', '#6c757d'),
    acknowledged: v('--bs-primary', '#0d6efd'),
    grid: v('--bs-border-color', '#dee2e6'),
    text: v('--bs-body-color', '#212529'),
  };
}

function datasets(data, c) {
  return [
    { label: data.names.sent, data: data.sent, backgroundColor: c.sent, stack: 'delivery' },
    { label: data.names.failed, data: data.failed, backgroundColor: c.failed, stack: 'delivery' },
    { label: data.names.pending, data: data.pending, backgroundColor: c.pending, stack: 'delivery' },
    { label: data.names.acknowledged, data: data.acknowledged, backgroundColor: c.acknowledged, stack: 'ack' },
  ];
}

export function create(canvas, data) {
  let c = colours();
  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels: data.labels, datasets: datasets(data, c) },
    options: {
      indexAxis: 'y',
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { position: 'top', labels: { color: c.text } } },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { color: c.text, precision: 0 }, grid: { color: c.grid } },
        y: { stacked: true, ticks: { color: c.text, autoSkip: false }, grid: { display: false } },
      },
    },
  });
  const apply = (d) => {
    c = colours();
    chart.data.labels = d.labels;
    chart.data.datasets = datasets(d, c);
    chart.options.plugins.legend.labels.color = c.text;
    chart.options.scales.x.ticks.color = c.text;
    chart.options.scales.y.ticks.color = c.text;
    chart.options.scales.x.grid.color = c.grid;
    chart.update();
  };
  let last = data;
  const onTheme = () => apply(last);
  window.addEventListener('netops-theme', onTheme);
  return {
    update(d) { last = d; apply(d); },
    destroy() {
      window.removeEventListener('netops-theme', onTheme);
      chart.destroy();
    },
  };
}
