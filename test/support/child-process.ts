/**
 * What a child process printed and how it ended, collected until it closes (stdout and stderr fully
 * read): the tests of scripts and of the server process read it after the exit.
 */
import type { ChildProcess } from 'node:child_process'

export type Finished = { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

export function finished(child: ChildProcess): Promise<Finished> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
}
