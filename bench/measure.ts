/**
 * Measuring helpers for the benchmark: run a command and record its wall time, CPU time and
 * peak resident memory, and summarize samples as median and 95th percentile.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export interface ProcessMeasurement {
    wallMs: number;
    /** User plus system CPU time of the process and its children. */
    cpuMs: number;
    /** Peak resident set size in MB (1 MB = 2^20 bytes). */
    peakRssMb: number;
    /** Exit code, or null when the command was killed at the timeout. */
    exitCode: number | null;
    stdout: string;
    stderr: string;
}

const GNU_TIME = '/usr/bin/time';

/** Returns true when GNU time is installed, which reports the peak RSS of a finished process. */
export function hasGnuTime(): boolean {
    return fs.existsSync(GNU_TIME);
}

/**
 * Runs a command to completion and measures it. With GNU time the peak RSS comes from the
 * kernel's accounting of the process tree; without it, from polling /proc/<pid>/status (VmHWM)
 * every 20 ms, which misses child processes and the last 20 ms.
 */
export async function measureProcess(command: string, args: string[], options: { cwd?: string; timeoutMs: number }): Promise<ProcessMeasurement> {
    const useTime = hasGnuTime();
    const timeFile = path.join(os.tmpdir(), `mlarch-bench-time-${process.pid}-${Date.now()}.txt`);
    const spawnCommand = useTime ? GNU_TIME : command;
    const spawnArgs = useTime ? ['-f', '%e %U %S %M', '-o', timeFile, command, ...args] : args;

    const started = performance.now();
    // A process group of its own, so a timeout ends the measured command and not only GNU time.
    const child = spawn(spawnCommand, spawnArgs, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => {
        stdout += chunk;
    });
    child.stderr.on('data', chunk => {
        stderr += chunk;
    });

    let polledPeakKb = 0;
    const poll = useTime ? undefined : setInterval(() => {
        polledPeakKb = Math.max(polledPeakKb, readStatusKb(child.pid, 'VmHWM'));
    }, 20);
    let timedOut = false;
    const timer = setTimeout(() => {
        timedOut = true;
        if (child.pid !== undefined) {
            process.kill(-child.pid, 'SIGKILL');
        }
    }, options.timeoutMs);

    const exitCode = await new Promise<number | null>(resolve => child.on('close', code => resolve(timedOut ? null : code)));
    const wallMs = performance.now() - started;
    clearTimeout(timer);
    if (poll) {
        clearInterval(poll);
    }

    if (useTime && !timedOut) {
        const fields = fs.readFileSync(timeFile, 'utf-8').trim().split('\n').pop()!.split(' ').map(Number);
        fs.rmSync(timeFile, { force: true });
        const [, user, system, peakKb] = fields;
        return { wallMs, cpuMs: (user + system) * 1000, peakRssMb: peakKb / 1024, exitCode, stdout, stderr };
    }
    fs.rmSync(timeFile, { force: true });
    return { wallMs, cpuMs: Number.NaN, peakRssMb: polledPeakKb / 1024, exitCode, stdout, stderr };
}

/** Reads a `kB` field such as VmRSS or VmHWM from /proc/<pid>/status, or 0 when unavailable. */
export function readStatusKb(pid: number | undefined, field: 'VmRSS' | 'VmHWM'): number {
    if (pid === undefined) {
        return 0;
    }
    try {
        const status = fs.readFileSync(`/proc/${pid}/status`, 'utf-8');
        const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
        return match ? Number(match[1]) : 0;
    } catch {
        return 0;
    }
}

export function median(samples: number[]): number {
    return percentile(samples, 50);
}

/** Returns the nearest-rank percentile of the samples. */
export function percentile(samples: number[], rank: number): number {
    if (samples.length === 0) {
        return Number.NaN;
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1));
    return sorted[index];
}
