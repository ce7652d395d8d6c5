// Per-job records: what a shard or an `--out` file holds. The file begins with the run's
// configuration header (# key=value lines) and has one JSON object a line per finished job,
// {"job": index in the plan's job list, …its result}. Numbers are JSON's shortest round-trip
// text (a NaN escape time is null), so a result read back is the result that was computed.
import { closeSync, existsSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { ExperimentResult } from '../core/experiments/experiment.ts';
import type { TrialResult } from '../core/experiments/sweeps.ts';
import { configHeader, parseConfigHeader } from '../url/configHeader.ts';
import type { ExperimentPlan } from './experimentPlan.ts';
import { UsageError } from './errors.ts';

export function recordLine(job: number, r: ExperimentResult): string {
  if (r.kind === 'basin') {
    return `${JSON.stringify({ job, from: r.from, codes: Array.from(r.codes).join(''), rhsEvals: r.rhsEvals, failed: r.failed })}\n`;
  }
  // the covered count and E[(f − f*)²] feed only the `sweep --beta` table, which keeps no records
  const { covered: _covered, generalizationError: _error, ...t } = r.result;
  const escapeTime = Number.isNaN(t.escapeTime) ? null : t.escapeTime;
  return `${JSON.stringify({ job, ...t, escapeTime })}\n`;
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A record line back into (job, result), checked against the plan's job list. */
export function parseRecord(line: string, plan: ExperimentPlan): { job: number; result: ExperimentResult } {
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new Error('not a JSON object');
  }
  if (typeof o !== 'object' || o === null) throw new Error('not a JSON object');
  const job = o.job;
  if (!isCount(job) || job >= plan.jobs.length) throw new Error(`job ${JSON.stringify(job)} is not one of the ${plan.jobs.length} jobs of this configuration`);
  const planned = plan.jobs[job];
  if (planned.kind === 'basin') {
    const codes = typeof o.codes === 'string' && /^\d*$/.test(o.codes) ? o.codes : null;
    if (o.from !== planned.from || codes === null || codes.length !== planned.count || !isCount(o.rhsEvals) || !isCount(o.failed)) {
      throw new Error(`job ${job} is not the basin slice from cell ${planned.from} with ${planned.count} codes`);
    }
    return { job, result: { kind: 'basin', from: planned.from, codes: Uint8Array.from(codes, Number), rhsEvals: o.rhsEvals, failed: o.failed } };
  }
  const want = planned.job;
  const counts = ['n', 'recovered', 'attracted', 'atAverage', 'other', 'failed', 'rhsEvals'] as const;
  const escapeOk = o.escapeTime === null || (typeof o.escapeTime === 'number' && o.escapeTime > 0);
  if (o.point !== want.point || o.trial !== want.trial || !counts.every((key) => isCount(o[key])) || typeof o.allRecovered !== 'boolean' || !escapeOk) {
    throw new Error(`job ${job} is not a complete result of point ${want.point}, trial ${want.trial}`);
  }
  const result: TrialResult = {
    point: want.point, trial: want.trial,
    n: o.n as number, recovered: o.recovered as number, attracted: o.attracted as number, atAverage: o.atAverage as number, other: o.other as number,
    allRecovered: o.allRecovered, escapeTime: o.escapeTime === null ? NaN : (o.escapeTime as number), failed: o.failed as number, rhsEvals: o.rhsEvals as number,
  };
  return { job, result: { kind: 'sweep', result } };
}

export interface RecordsFile {
  /** results by job index */
  results: Map<number, ExperimentResult>;
  /** bytes of the header and the complete lines */
  complete: number;
  /** a last line without its newline (a run killed while writing it) */
  torn: boolean;
}

/**
 * A records file's results. Its header must be `header`, word for word; a last line without
 * its newline is left out (its job runs again); any other bad line is an error.
 */
export function readRecords(path: string, text: string, plan: ExperimentPlan): RecordsFile {
  const header = configHeader(plan.header);
  const { config, body } = parseConfigHeader(text);
  const theirs = configHeader([...config]);
  if (theirs !== header) {
    const mine = new Map(plan.header.map(([k, v]) => [k, String(v)]));
    const diff = [...new Set([...mine.keys(), ...config.keys()])].find((k) => mine.get(k) !== config.get(k));
    const what = diff === undefined ? 'its header is malformed' : `${diff} is ${JSON.stringify(config.get(diff) ?? '(missing)')} there but ${JSON.stringify(mine.get(diff) ?? '(missing)')} here`;
    throw new UsageError(`${path} holds the records of another configuration (${what})`);
  }
  const results = new Map<number, ExperimentResult>();
  const lines = body.split('\n');
  const torn = lines[lines.length - 1] !== '';
  lines.pop();
  let complete = Buffer.byteLength(text) - Buffer.byteLength(body);
  lines.forEach((line, i) => {
    let rec;
    try {
      rec = parseRecord(line, plan);
    } catch (err) {
      throw new UsageError(`${path}: record line ${i + 1}: ${(err as Error).message}`);
    }
    const seen = results.get(rec.job);
    if (seen && recordLine(rec.job, seen) !== `${line}\n`) throw new UsageError(`${path}: job ${rec.job} appears twice with different results`);
    results.set(rec.job, rec.result);
    complete += Buffer.byteLength(line) + 1;
  });
  return { results, complete, torn };
}

/** Appends records to a file, one synchronous write per job, so a kill loses only jobs in flight. */
export class RecordsWriter {
  private constructor(private readonly fd: number) {}

  /** Opens `path` to resume it (header checked, torn last line cut off) or starts it. */
  static resume(path: string, plan: ExperimentPlan): { writer: RecordsWriter; done: Map<number, ExperimentResult>; torn: boolean } {
    let done = new Map<number, ExperimentResult>();
    let torn = false;
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      if (text !== '') {
        const file = readRecords(path, text, plan);
        done = file.results;
        torn = file.torn;
        if (torn) truncateSync(path, file.complete);
        const writer = new RecordsWriter(openSync(path, 'a'));
        return { writer, done, torn };
      }
    }
    const writer = new RecordsWriter(openSync(path, 'w'));
    writer.write(configHeader(plan.header));
    return { writer, done, torn };
  }

  write(text: string): void {
    writeSync(this.fd, text);
  }

  close(): void {
    closeSync(this.fd);
  }
}
