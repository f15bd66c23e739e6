// Runs an interop script as a child process the way the Java tests do (one JSON line in, JSON
// lines out), for self-test.mjs.

import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

export class Script {
  constructor(name, config) {
    this.name = name
    this.events = []
    this.waiters = []
    this.stderr = ''
    this.child = spawn(process.execPath, [join(root, name)], { stdio: ['pipe', 'pipe', 'pipe'] })
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)))
    let buffer = ''
    this.child.stdout.on('data', (chunk) => {
      buffer += chunk
      let nl
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl)
        buffer = buffer.slice(nl + 1)
        const event = JSON.parse(line)
        this.events.push(event)
        this.waiters = this.waiters.filter((w) => !w(event))
      }
    })
    this.child.stderr.on('data', (chunk) => (this.stderr += chunk))
    this.child.stdin.write(JSON.stringify(config) + '\n')
  }

  /** The first event (already seen or still to come) that `predicate` accepts. */
  waitFor(predicate, timeoutMs = 10_000) {
    const seen = this.events.find(predicate)
    if (seen !== undefined) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${this.name}: no matching event in ${timeoutMs} ms; events: ${JSON.stringify(this.events)}; stderr: ${this.stderr}`)),
        timeoutMs,
      )
      this.waiters.push((event) => {
        if (event.event === 'error') {
          clearTimeout(timer)
          reject(new Error(`${this.name} failed: ${event.message}`))
          return true
        }
        if (!predicate(event)) return false
        clearTimeout(timer)
        resolve(event)
        return true
      })
    })
  }

  stop() {
    this.child.stdin.end()
    this.child.kill()
  }
}
