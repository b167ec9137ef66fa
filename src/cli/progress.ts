/**
 * Progress for long-running scripts on stderr: count, rate and ETA, with cli-progress (a bar on a
 * terminal, a line every few seconds otherwise, so logs and CI show it too). The unit names what
 * is counted (`events` unless told: users, movies, ratings...).
 */
import cliProgress from 'cli-progress'

export type Progress = {
  update(done: number): void
  setTotal(total: number): void
  stop(): void
}

export type ProgressOptions = {
  /** What is counted, plural: `{done}/{total} <unit> | {rate} <unit>/s`. Default `events`. */
  unit?: string
}

export function createProgress(
  label: string,
  total: number,
  start = 0,
  options: ProgressOptions = {},
): Progress {
  const unit = options.unit ?? 'events'
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
      stream: process.stderr,
      noTTYOutput: true,
      notTTYSchedule: 2_000,
      etaBuffer: 50,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  )
  const started = performance.now()
  let baseline = start
  bar.start(Math.max(total, 1), start, { speed: '0' })
  return {
    update(done) {
      const seconds = (performance.now() - started) / 1000
      bar.update(done, { speed: seconds > 0 ? Math.round((done - baseline) / seconds).toString() : '0' })
    },
    setTotal(next) {
      bar.setTotal(Math.max(next, 1))
    },
    stop() {
      bar.stop()
      baseline = 0
    },
  }
}
