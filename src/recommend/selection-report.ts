/** The selection report as text, for `npm run recommender -- train | status | evaluate`. */
import type { SelectionReport } from './selection.ts'

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`

export function formatSelectionReport(report: SelectionReport): string {
  const lines = [
    `chosen: ${report.chosenModel} (${report.reason})${report.coldStart ? ' [cold start]' : ''}`,
    `data: ${report.data.users} users, ${report.data.items} movies, ${report.data.interactions} interactions; ` +
      `split: ${report.split.trainInteractions} training interactions, ${report.split.validationUsers} validation users, ${report.split.testUsers} test users`,
    `protocol: ${report.protocol}`,
  ]
  if (report.candidates.length > 0) {
    const header = [
      'candidate',
      'val ndcg@10',
      'val recall@10',
      'test ndcg@10',
      'test recall@10',
      'coverage',
      'train',
      'peak memory',
      'gram movies',
      'chosen',
    ]
    const rows = report.candidates.map((c) => [
      c.candidate,
      c.validation.ndcg.toFixed(4),
      c.validation.recall.toFixed(4),
      c.test.ndcg.toFixed(4),
      c.test.recall.toFixed(4),
      c.validation.coverage.toFixed(3),
      `${(c.trainMs / 1000).toFixed(1)} s`,
      mb(c.peakBytes),
      c.gramItems === null ? '-' : String(c.gramItems),
      c.chosen ? 'yes' : 'no',
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)))
    const line = (cells: string[]) =>
      cells
        .map((cell, i) => cell.padEnd(widths[i] as number))
        .join('  ')
        .trimEnd()
    lines.push(line(header), ...rows.map(line))
    for (const c of report.candidates)
      lines.push(
        `  ${c.candidate}: ${c.model}; ${c.why}; tried ${c.tuning.map((t) => t.ndcg.toFixed(4)).join(', ')}`,
      )
  }
  lines.push(`selection took ${(report.selectionMs / 1000).toFixed(1)} s`)
  return lines.join('\n')
}
