import type { EntityManager } from '@mikro-orm/knex';
import { OPEN_LICENSE, RESOURCE_FORMAT_LABELS, UPDATE_CYCLE_LABELS, type OpenDatasetDto, type OpenDatasetSummaryDto, type UpdateCycle } from '@govdata/domain';
import { getOpenDataset, searchOpenDatasets } from './portal';

/**
 * The open catalog as DCAT-AP 3 (https://semiceu.github.io/DCAT-AP/releases/3.0.0/): a dcat:Catalog of
 * dcat:Dataset with dcat:Distribution, publishers as foaf:Agent, themes as skos:Concept, frequencies and access rights
 * from the EU vocabularies, paged with hydra:PartialCollectionView. One triple model, three serialisations (Turtle,
 * JSON-LD, RDF/XML), so they cannot disagree.
 */

export const NS = {
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  hydra: 'http://www.w3.org/ns/hydra/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  adms: 'http://www.w3.org/ns/adms#',
} as const;

export type Term = { iri: string } | { value: string; lang?: string; datatype?: string };
export type Triple = [subject: string, predicate: string, object: Term];

const EU = 'http://publications.europa.eu/resource/authority';
const FREQUENCY: Record<UpdateCycle, string> = {
  realtime: 'UPDATE_CONT',
  daily: 'DAILY',
  weekly: 'WEEKLY',
  monthly: 'MONTHLY',
  quarterly: 'QUARTERLY',
  semiannual: 'ANNUAL_2',
  annual: 'ANNUAL',
  irregular: 'IRREG',
};
const MEDIA: Record<string, string> = { CSV: 'text/csv', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', JSON: 'application/json' };

const iri = (v: string): Term => ({ iri: v });
const zh = (v: string): Term => ({ value: v, lang: 'zh' });
const str = (v: string): Term => ({ value: v });
const dateTime = (v: string): Term => ({ value: v, datatype: `${NS.xsd}dateTime` });
const int = (n: number): Term => ({ value: String(n), datatype: `${NS.xsd}integer` });

export const datasetIri = (base: string, name: string): string => `${base}/open/datasets/${name}`;

function datasetTriples(base: string, d: OpenDatasetSummaryDto | OpenDatasetDto): Triple[] {
  const s = datasetIri(base, d.name);
  const publisher = `${base}/open/departments/${d.department.id}`;
  const theme = `${base}/open/themes/${encodeURIComponent(d.theme)}`;
  const t: Triple[] = [
    [s, `${NS.rdf}type`, iri(`${NS.dcat}Dataset`)],
    [s, `${NS.dct}identifier`, str(d.code)],
    [s, `${NS.dct}title`, zh(d.title)],
    [s, `${NS.dct}description`, zh(d.summary || d.title)],
    [s, `${NS.dct}publisher`, iri(publisher)],
    [publisher, `${NS.rdf}type`, iri(`${NS.foaf}Agent`)],
    [publisher, `${NS.foaf}name`, zh(d.department.name)],
    [s, `${NS.dcat}theme`, iri(theme)],
    [theme, `${NS.rdf}type`, iri(`${NS.skos}Concept`)],
    [theme, `${NS.skos}prefLabel`, zh(d.theme)],
    [theme, `${NS.skos}inScheme`, iri(`${base}/open/themes`)],
    [s, `${NS.dcat}keyword`, zh(d.theme)],
    [s, `${NS.dcat}keyword`, zh(RESOURCE_FORMAT_LABELS[d.format])],
    [s, `${NS.dcat}keyword`, zh(UPDATE_CYCLE_LABELS[d.updateCycle])],
    [s, `${NS.dct}issued`, dateTime(d.publishedAt)],
    [s, `${NS.dct}modified`, dateTime(d.modifiedAt)],
    [s, `${NS.dct}accrualPeriodicity`, iri(`${EU}/frequency/${FREQUENCY[d.updateCycle]}`)],
    [s, `${NS.dct}accessRights`, iri(`${EU}/access-right/${d.openType === 'open' ? 'PUBLIC' : 'RESTRICTED'}`)],
    [s, `${NS.dcat}landingPage`, iri(s)],
  ];
  if ('version' in d) t.push([s, `${NS.dcat}version`, str(String(d.version))]);
  // the landing page is always a distribution; data files come with live data versions
  const page = `${s}/distributions/page`;
  t.push(
    [s, `${NS.dcat}distribution`, iri(page)],
    [page, `${NS.rdf}type`, iri(`${NS.dcat}Distribution`)],
    [page, `${NS.dct}title`, zh(d.openType === 'open' ? '数据集页面' : '依申请开放：经申请同意后通过开放接口获取')],
    [page, `${NS.dcat}accessURL`, iri(s)],
    [page, `${NS.dcat}mediaType`, iri('https://www.iana.org/assignments/media-types/text/html')],
    [page, `${NS.dct}license`, iri(`${base}${OPEN_LICENSE.url}`)],
  );
  for (const format of d.downloadFormats) {
    const dist = `${s}/distributions/${format.toLowerCase()}`;
    const url = `${base}/api/open/datasets/${d.name}/download.${format.toLowerCase()}`;
    t.push(
      [s, `${NS.dcat}distribution`, iri(dist)],
      [dist, `${NS.rdf}type`, iri(`${NS.dcat}Distribution`)],
      [dist, `${NS.dct}title`, zh(`${d.title}（${format}）`)],
      [dist, `${NS.dcat}accessURL`, iri(url)],
      [dist, `${NS.dcat}downloadURL`, iri(url)],
      [dist, `${NS.dct}format`, iri(`${EU}/file-type/${format}`)],
      [dist, `${NS.dcat}mediaType`, iri(`https://www.iana.org/assignments/media-types/${MEDIA[format]}`)],
      [dist, `${NS.dct}license`, iri(`${base}${OPEN_LICENSE.url}`)],
    );
    // the size of the file as last served in full (a dataset's own page only: the catalog pages carry no sizes)
    const bytes = 'data' in d ? d.data?.files.find((f) => f.format === format)?.bytes : null;
    if (bytes !== null && bytes !== undefined) t.push([dist, `${NS.dcat}byteSize`, { value: String(bytes), datatype: `${NS.xsd}nonNegativeInteger` }]);
  }
  return t;
}

function licenseTriples(base: string): Triple[] {
  const l = `${base}${OPEN_LICENSE.url}`;
  return [
    [l, `${NS.rdf}type`, iri(`${NS.dct}LicenseDocument`)],
    [l, `${NS.dct}title`, zh(OPEN_LICENSE.title)],
  ];
}

export const DCAT_PAGE_SIZE = 500;

/** The catalog, one page of datasets at a time (hydra paging), as triples. */
export async function catalogTriples(em: EntityManager, base: string, page: number, format: string): Promise<Triple[]> {
  const result = await searchOpenDatasets(em, { sort: 'name', page, pageSize: DCAT_PAGE_SIZE }, { limit: DCAT_PAGE_SIZE, offset: (page - 1) * DCAT_PAGE_SIZE });
  const c = `${base}/open/catalog`;
  const view = `${base}/open/catalog.${format}?page=${page}`;
  const last = Math.max(1, Math.ceil(result.total / DCAT_PAGE_SIZE));
  const t: Triple[] = [
    [c, `${NS.rdf}type`, iri(`${NS.dcat}Catalog`)],
    [c, `${NS.dct}title`, zh('朔州市公共数据开放目录')],
    [c, `${NS.dct}description`, zh('朔州市政务数据共享开放平台向社会开放的数据资源目录（朔州市政务数据资源共享开放管理办法第二十二至二十六条）')],
    [c, `${NS.dct}publisher`, iri(`${base}/open/publisher`)],
    [`${base}/open/publisher`, `${NS.rdf}type`, iri(`${NS.foaf}Agent`)],
    [`${base}/open/publisher`, `${NS.foaf}name`, zh('朔州市政务信息管理局')],
    [c, `${NS.foaf}homepage`, iri(`${base}/open/`)],
    [c, `${NS.dct}language`, iri(`${EU}/language/ZHO`)],
    [c, `${NS.dct}license`, iri(`${base}${OPEN_LICENSE.url}`)],
    [c, `${NS.dcat}themeTaxonomy`, iri(`${base}/open/themes`)],
    [`${base}/open/themes`, `${NS.rdf}type`, iri(`${NS.skos}ConceptScheme`)],
    [`${base}/open/themes`, `${NS.skos}prefLabel`, zh('朔州市开放数据主题')],
    [c, `${NS.hydra}view`, iri(view)],
    [view, `${NS.rdf}type`, iri(`${NS.hydra}PartialCollectionView`)],
    [view, `${NS.hydra}totalItems`, int(result.total)],
    [view, `${NS.hydra}itemsPerPage`, int(DCAT_PAGE_SIZE)],
    [view, `${NS.hydra}first`, iri(`${base}/open/catalog.${format}?page=1`)],
    [view, `${NS.hydra}last`, iri(`${base}/open/catalog.${format}?page=${last}`)],
    ...licenseTriples(base),
  ];
  if (page > 1) t.push([view, `${NS.hydra}previous`, iri(`${base}/open/catalog.${format}?page=${page - 1}`)]);
  if (page < last) t.push([view, `${NS.hydra}next`, iri(`${base}/open/catalog.${format}?page=${page + 1}`)]);
  for (const d of result.items) {
    t.push([c, `${NS.dcat}dataset`, iri(datasetIri(base, d.name))], ...datasetTriples(base, d));
  }
  return t;
}

/** One dataset at its own URL. */
export async function datasetTriplesOf(em: EntityManager, base: string, name: string): Promise<Triple[]> {
  const d = await getOpenDataset(em, name);
  return [...datasetTriples(base, d), ...licenseTriples(base)];
}

// ---- serialisations ------------------------------------------------------------------------------------------------

const escapeTurtle = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
const escapeIri = (s: string): string => s.replace(/[<>"{}|^`\\\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

function prefixed(v: string): string | null {
  for (const [p, ns] of Object.entries(NS)) {
    if (v.startsWith(ns) && /^[A-Za-z][A-Za-z0-9_-]*$/.test(v.slice(ns.length))) return `${p}:${v.slice(ns.length)}`;
  }
  return null;
}

function turtleTerm(t: Term): string {
  if ('iri' in t) return prefixed(t.iri) ?? `<${escapeIri(t.iri)}>`;
  const lit = `"${escapeTurtle(t.value)}"`;
  if (t.lang) return `${lit}@${t.lang}`;
  if (t.datatype) return `${lit}^^${prefixed(t.datatype) ?? `<${t.datatype}>`}`;
  return lit;
}

/** Turtle, grouped by subject. */
export function toTurtle(triples: readonly Triple[]): string {
  const out = Object.entries(NS).map(([p, ns]) => `@prefix ${p}: <${ns}> .`);
  out.push('');
  const bySubject = new Map<string, Triple[]>();
  for (const t of triples) bySubject.set(t[0], [...(bySubject.get(t[0]) ?? []), t]);
  for (const [s, ts] of bySubject) {
    const lines = ts.map(([, p, o]) => `    ${p === `${NS.rdf}type` ? 'a' : turtleTerm({ iri: p })} ${turtleTerm(o)}`);
    out.push(`<${escapeIri(s)}>\n${lines.join(' ;\n')} .`, '');
  }
  return out.join('\n');
}

/** JSON-LD in expanded form (one node object per subject): any JSON-LD processor reads it without a remote context. */
export function toJsonLd(triples: readonly Triple[]): unknown[] {
  const nodes = new Map<string, Record<string, unknown[]>>();
  for (const [s, p, o] of triples) {
    const node = nodes.get(s) ?? { '@id': [s] as unknown[] };
    if (p === `${NS.rdf}type` && 'iri' in o) {
      node['@type'] = [...(node['@type'] ?? []), o.iri];
    } else {
      const value = 'iri' in o ? { '@id': o.iri } : { '@value': o.value, ...(o.lang ? { '@language': o.lang } : {}), ...(o.datatype ? { '@type': o.datatype } : {}) };
      node[p] = [...(node[p] ?? []), value];
    }
    nodes.set(s, node);
  }
  return [...nodes.values()].map((n) => ({ ...n, '@id': (n['@id'] as string[])[0] }));
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** RDF/XML: one rdf:Description per subject. */
export function toRdfXml(triples: readonly Triple[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<rdf:RDF ${Object.entries(NS).map(([p, ns]) => `xmlns:${p}="${ns}"`).join(' ')}>`];
  const bySubject = new Map<string, Triple[]>();
  for (const t of triples) bySubject.set(t[0], [...(bySubject.get(t[0]) ?? []), t]);
  for (const [s, ts] of bySubject) {
    out.push(`  <rdf:Description rdf:about="${escapeXml(s)}">`);
    for (const [, p, o] of ts) {
      const qn = prefixed(p);
      if (!qn) throw new Error(`no prefix for ${p}`);
      if ('iri' in o) out.push(`    <${qn} rdf:resource="${escapeXml(o.iri)}"/>`);
      else out.push(`    <${qn}${o.lang ? ` xml:lang="${o.lang}"` : ''}${o.datatype ? ` rdf:datatype="${escapeXml(o.datatype)}"` : ''}>${escapeXml(o.value)}</${qn}>`);
    }
    out.push('  </rdf:Description>');
  }
  out.push('</rdf:RDF>', '');
  return out.join('\n');
}

export const DCAT_FORMATS = {
  ttl: { type: 'text/turtle; charset=utf-8', write: (t: readonly Triple[]) => toTurtle(t) },
  jsonld: { type: 'application/ld+json; charset=utf-8', write: (t: readonly Triple[]) => JSON.stringify(toJsonLd(t)) },
  rdf: { type: 'application/rdf+xml; charset=utf-8', write: (t: readonly Triple[]) => toRdfXml(t) },
} as const;
export type DcatFormat = keyof typeof DCAT_FORMATS;
