/** Entry loaded on demand by the page: renders the audit report with the site's own font files. */
import type { ReportModel } from '../core/index.ts';
import { browserFonts } from '../letters/fonts-browser.ts';
import { renderReport } from './pdf.ts';

export async function reportPdf(model: ReportModel): Promise<Blob> {
  const charts = await chartImages(model);
  return new Blob([renderReport(model, await browserFonts(), charts)], { type: 'application/pdf' });
}

/** The report's bar charts drawn by Chart.js (as on the dashboard) on off-screen canvases, as PNG. */
async function chartImages(model: ReportModel): Promise<Record<number, string>> {
  const { Chart, registerables } = await import('chart.js');
  Chart.register(...registerables);
  const out: Record<number, string> = {};
  for (const [i, section] of model.sections.entries()) {
    if (!section.bars || section.bars.values.length === 0) continue;
    const canvas = document.createElement('canvas');
    canvas.width = 1000;
    canvas.height = 470;
    const chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: [...section.bars.labels], datasets: [{ label: section.title, data: section.bars.values.map((v) => v / 100), backgroundColor: '#0072B2' }] },
      options: { animation: false, responsive: false, devicePixelRatio: 1, indexAxis: 'y', plugins: { legend: { display: false } } },
    });
    out[i] = canvas.toDataURL('image/png');
    chart.destroy();
  }
  return out;
}
