import { z } from 'zod';
import { callCategories, dispositions, priorities } from '../domain/call-category';
import { complaintStatuses, limits } from '../domain/customer';
import { Cursor, syncedEntities, type SyncedEntity } from './changes';

/**
 * The initial-sync snapshot (`GET /v1/sync/snapshot`, ADR 0006): every row of the caller's team
 * as PostgreSQL's COPY text format (tab-separated, backslash escapes, `\N` for NULL), one section
 * per entity, framed by marker lines that COPY can never produce (a data line never starts with
 * a backslash followed by `#`):
 *
 *   \#snapshot {"format":1,"cursor":123}     the feed continues from `cursor` afterwards
 *   \#begin customer
 *   <one line per row>
 *   \#end customer 1000000                    rows in the section, checked by the seat
 *   … interaction, complaint, follow-up …
 *   \#done
 *
 * A body without `\#done`, a count that does not match, or a row that fails `decodeSnapshotRow`
 * is refused: the seat never marks such a snapshot complete.
 */
export const snapshotContentType = 'text/tab-separated-values; charset=utf-8';
export const snapshotMarker = '\\#';
export const snapshotSections = syncedEntities;

export const SnapshotQuery = z.object({}).strict();

export const SnapshotHeader = z
  .object({
    format: z.literal(1),
    /** The largest seq this snapshot holds for the team: the changes feed continues after it. */
    cursor: Cursor,
  })
  .strict();
export type SnapshotHeader = z.infer<typeof SnapshotHeader>;

/** For the route table and docs/openapi.json: the body is text, described above. */
export const SnapshotBody = z
  .string()
  .describe(
    'text/tab-separated-values: "\\#snapshot {format, cursor}", then per entity (customer, interaction, complaint, follow-up) "\\#begin <entity>", COPY text rows, "\\#end <entity> <rows>"; last line "\\#done"',
  );

/** Column order of each section, as the server's COPY writes them. */
export const snapshotColumns: Record<SyncedEntity, readonly string[]> = {
  customer: ['id', 'name', 'vip', 'phones', 'products'],
  interaction: [
    'id',
    'customerId',
    'phone',
    'occurredAt',
    'agent',
    'category',
    'priority',
    'disposition',
    'notes',
  ],
  complaint: ['id', 'customerId', 'openedAt', 'summary', 'severity', 'status'],
  'follow-up': ['id', 'customerId', 'dueAt', 'owner', 'method', 'note', 'done'],
};

/** [id, name, vip, products JSON, phones] */
export type SnapshotCustomer = [string, string, 0 | 1, string, string[]];
/** [id, customerId, phone, occurredAt, agent, category, priority, disposition, notes] */
export type SnapshotInteraction = [
  string,
  string | null,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];
/** [id, customerId, openedAt, summary, severity, status] */
export type SnapshotComplaint = [string, string, string, string, string, string];
/** [id, customerId, dueAt, owner, method, note, done] */
export type SnapshotFollowUp = [string, string, string, string, string, string, 0 | 1];

export interface SnapshotRows {
  customer: SnapshotCustomer;
  interaction: SnapshotInteraction;
  complaint: SnapshotComplaint;
  'follow-up': SnapshotFollowUp;
}

/** A snapshot line that fails its format: the message names the column. */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

const e164 = /^\+[1-9]\d{6,14}$/;
/** timestamptz as COPY writes it in UTC with DateStyle ISO: 2026-03-26 13:23:16.375986+00 */
const pgTime = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/;
const categorySet = new Set<string>(callCategories);
const prioritySet = new Set<string>(priorities);
const dispositionSet = new Set<string>(dispositions);
const severitySet = new Set(['low', 'medium', 'high']);
const complaintStatusSet = new Set<string>([...complaintStatuses, 'closed']);
const methodSet = new Set(['phone', 'sms', 'email']);
const escapes: Record<string, string> = {
  '\\': '\\',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

function unescapeCopy(raw: string, column: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const ch = raw[i];
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = escapes[raw[++i] ?? ''];
    if (e === undefined) throw new SnapshotFormatError(`${column}: bad escape`);
    out += e;
  }
  return out;
}

class Row {
  private readonly fields: string[];
  constructor(
    readonly entity: SyncedEntity,
    line: string,
  ) {
    this.fields = line.split('\t');
    const want = snapshotColumns[entity].length;
    if (this.fields.length !== want)
      throw new SnapshotFormatError(`expected ${want} columns, got ${this.fields.length}`);
  }

  private raw(i: number): string {
    return this.fields[i] as string;
  }

  private col(i: number): string {
    return snapshotColumns[this.entity][i] ?? String(i);
  }

  text(i: number, min: number, max: number): string {
    const raw = this.raw(i);
    if (raw === '\\N') throw new SnapshotFormatError(`${this.col(i)}: unexpected NULL`);
    const v = unescapeCopy(raw, this.col(i));
    if (v.length < min || v.length > max)
      throw new SnapshotFormatError(`${this.col(i)}: length ${v.length} outside ${min}..${max}`);
    return v;
  }

  nullableId(i: number): string | null {
    return this.raw(i) === '\\N' ? null : this.text(i, 1, 64);
  }

  oneOf(i: number, allowed: ReadonlySet<string>): string {
    const v = this.raw(i);
    if (!allowed.has(v)) throw new SnapshotFormatError(`${this.col(i)}: unexpected value`);
    return v;
  }

  flag(i: number): 0 | 1 {
    const v = this.raw(i);
    if (v === 't') return 1;
    if (v === 'f') return 0;
    throw new SnapshotFormatError(`${this.col(i)}: expected t or f`);
  }

  /** Stored as the seat stores every time: ISO-8601 UTC with milliseconds ('…Z'). */
  time(i: number): string {
    const m = pgTime.exec(this.raw(i));
    if (!m) throw new SnapshotFormatError(`${this.col(i)}: expected a UTC timestamp`);
    return `${m[1]}T${m[2]}.${(m[3] ?? '').padEnd(3, '0').slice(0, 3)}Z`;
  }

  phones(i: number): string[] {
    const raw = this.raw(i);
    const list = raw === '' ? [] : raw.split(',');
    if (list.length > limits.listItems) throw new SnapshotFormatError(`${this.col(i)}: too many`);
    for (const p of list) {
      if (!e164.test(p)) throw new SnapshotFormatError(`${this.col(i)}: expected an E.164 number`);
    }
    return list;
  }

  /** A JSON array of short strings; returned re-serialised compactly, as the feed path stores it. */
  products(i: number): string {
    let v: unknown;
    try {
      v = JSON.parse(unescapeCopy(this.raw(i), this.col(i)));
    } catch {
      throw new SnapshotFormatError(`${this.col(i)}: not JSON`);
    }
    if (
      !Array.isArray(v) ||
      v.length > limits.listItems ||
      !v.every((p) => typeof p === 'string' && p.length <= limits.shortText)
    )
      throw new SnapshotFormatError(`${this.col(i)}: expected a list of short texts`);
    return JSON.stringify(v);
  }
}

/**
 * Decodes and validates one data line of a section with the same limits as the changes
 * feed's schemas (shared/domain), without building objects: the seat applies millions.
 */
export function decodeSnapshotRow<E extends SyncedEntity>(entity: E, line: string): SnapshotRows[E] {
  const r = new Row(entity, line);
  switch (entity) {
    case 'customer':
      return [r.text(0, 1, 64), r.text(1, 1, limits.name), r.flag(2), r.products(4), r.phones(3)] as never;
    case 'interaction':
      return [
        r.text(0, 1, 64),
        r.nullableId(1),
        r.text(2, 0, 64),
        r.time(3),
        r.text(4, 0, limits.name),
        r.oneOf(5, categorySet),
        r.oneOf(6, prioritySet),
        r.oneOf(7, dispositionSet),
        r.text(8, 0, limits.note),
      ] as never;
    case 'complaint':
      return [
        r.text(0, 1, 64),
        r.text(1, 1, 64),
        r.time(2),
        r.text(3, 0, limits.shortText),
        r.oneOf(4, severitySet),
        r.oneOf(5, complaintStatusSet),
      ] as never;
    default:
      return [
        r.text(0, 1, 64),
        r.text(1, 1, 64),
        r.time(2),
        r.text(3, 0, limits.name),
        r.oneOf(4, methodSet),
        r.text(5, 0, limits.shortText),
        r.flag(6),
      ] as never;
  }
}

/** Parses a marker line (`\#…`); null when the line is data. */
export function parseSnapshotMarker(
  line: string,
):
  | { kind: 'snapshot'; header: SnapshotHeader }
  | { kind: 'begin'; entity: SyncedEntity }
  | { kind: 'end'; entity: SyncedEntity; rows: number }
  | { kind: 'done' }
  | null {
  if (!line.startsWith(snapshotMarker)) return null;
  const [word, arg, count] = line.slice(2).split(' ', 3);
  if (word === 'snapshot') {
    let json: unknown;
    try {
      json = JSON.parse(line.slice('\\#snapshot '.length));
    } catch {
      throw new SnapshotFormatError('header: not JSON');
    }
    const h = SnapshotHeader.safeParse(json);
    if (!h.success) throw new SnapshotFormatError('header: fails its schema');
    return { kind: 'snapshot', header: h.data };
  }
  if (word === 'done' && arg === undefined) return { kind: 'done' };
  const entity = snapshotSections.find((e) => e === arg);
  if (word === 'begin' && entity && count === undefined) return { kind: 'begin', entity };
  if (word === 'end' && entity && count !== undefined && /^\d{1,15}$/.test(count))
    return { kind: 'end', entity, rows: Number(count) };
  throw new SnapshotFormatError(`unknown marker ${line.slice(0, 40)}`);
}
