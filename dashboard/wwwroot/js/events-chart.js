// Events (syslog messages stored) per minute over the last hour: a Chart.js bar chart that follows the theme.
function colours() {
  const style = getComputedStyle(document.documentElement);
  return {
    bar: style.getPropertyValue('--netops-chart-bar').trim() || '#0d6efd',
    grid: style.getPropertyValue('--bs-border-color').trim() || '#dee2e6',
    text: style.getPropertyValue('--bs-body-color').trim() || '#212529',
  };
}

export function create(canvas, labels, values, seriesLabel) {
  const c = colours();
  const chart = new window.Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: seriesLabel, data: values, backgroundColor: c.bar, borderWidth: 0 }] },
    options: {
      animation: false,
      maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: {
        x: { ticks: { color: c.text, maxTicksLimit: 12, autoSkip: true }, grid: { display: false } },
        y: { beginAtZero: true, ticks: { color: c.text, precision: 0 }, grid: { color: c.grid } },
      },
    },
  });
  const onTheme = () => {
    const n = colours();
    chart.data.datasets[0].backgroundColor = n.bar;
    chart.options.scales.x.ticks.color = n.text;
    chart.options.scales.y.ticks.color = n.text;
    chart.options.scales.y.grid.color = n.grid;
    chart.update();
  };
  window.addEventListener('netops-theme', onTheme);
  return {
    update(newLabels, newValues) {
      chart.data.labels = newLabels;
      chart.data.datasets[0].data = newValues;
      chart.update();
    },
    destroy() {
      window.removeEventListener('netops-theme', onTheme);
      chart.destroy();
    },
  };
}
