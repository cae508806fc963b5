import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Parser as TurtleParser, type Quad } from 'n3';
import jsonld from 'jsonld';
import { RdfXmlParser } from 'rdfxml-streaming-parser';
import { Portal } from 'ckanapi';
import { CatalogEntry, CatalogItem } from '@govdata/catalog';
import { openDatasetName } from '@govdata/domain';
import { createTestApp, type TestApp } from '../testing/harness';

/**
 * The interfaces open-data tools already speak: the CKAN Action API (read by a real CKAN client, ckanapi) and the
 * DCAT-AP catalog (parsed by standard RDF libraries: n3 for Turtle, jsonld for JSON-LD, rdfxml-streaming-parser).
 */
describe('CKAN Action API and DCAT (第二十二条: open-data tools read the open catalog)', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let names: string[];
  /** the one open dataset whose provider uploaded data: it has CSV, XLSX and JSON files */
  let withData: string;
  const DATA_ROWS = 12;

  beforeAll(async () => {
    t = await createTestApp({ seedUntil: 'catalog' });
    const bureau = await t.as('bureau');
    const em = t.db.fork();
    // open six entries of different departments and open types through the real workflow
    const entries = await em.find(CatalogEntry, { status: 'published', openType: { $in: ['open', 'on_application'] } }, { populate: ['provider'], orderBy: { id: 'asc' } });
    const chosen = [...entries.filter((e) => e.openType === 'open').slice(0, 4), ...entries.filter((e) => e.openType === 'on_application').slice(0, 2)];
    for (const e of chosen) {
      for (const kind of ['secrecy', 'disclosure']) {
        const r = await bureau.post(`/api/catalog/entries/${e.id}/open-reviews`).send({ kind, conclusion: 'approved', basis: '审查通过，可以开放。', reviewer: '审查组' });
        expect(r.status).toBe(201);
      }
      expect((await bureau.post(`/api/open-catalog/${e.id}/publish`)).status).toBe(200);
    }
    names = chosen.map((e) => openDatasetName(e.code)).sort();
    // data for the first open one (uploaded and published as its provider would, here by the bureau)
    const first = chosen[0] as (typeof chosen)[number];
    withData = openDatasetName(first.code);
    const items = await em.find(CatalogItem, { entry: first.id, removedAt: null }, { orderBy: { position: 'asc' } });
    const value = (dataType: string, length: number | null | undefined, r: number) =>
      ({ integer: String(r), decimal: `${r}.25`, date: '2025-03-01', datetime: '2025-03-01 09:30:00', boolean: '是' })[dataType] ?? (length ? `r${r}`.slice(0, length) : `第${r}行`);
    const csv = [items.map((i) => i.fieldName).join(','), ...Array.from({ length: DATA_ROWS }, (_, r) => items.map((i) => value(i.dataType, i.length, r + 1)).join(','))].join('\n');
    const up = await bureau.post(`/api/catalog/entries/${first.id}/datasets`).set('Content-Type', 'text/csv').send(`${csv}\n`);
    expect(up.status).toBe(201);
    expect((await bureau.post(`/api/datasets/${up.body.versionId}/publish`).send({})).status).toBe(200);
    server = t.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 240_000);
  afterAll(async () => {
    await new Promise((r) => server.close(r));
    await t.close();
  });

  describe('CKAN Action API, read by the ckanapi client', () => {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let portal: any;
    beforeAll(() => {
      portal = new Portal(base);
    });

    it('status_show, package_list, package_show (by name and by id), resource_show', async () => {
      const status = await portal.action.status_show();
      expect(status).toMatchObject({ ckan_version: '2.10.5', site_url: base });
      expect([...(await portal.action.package_list())].sort()).toEqual(names);

      const pkg = await portal.action.package_show({ id: names[0] });
      expect(pkg).toMatchObject({ name: names[0], type: 'dataset', state: 'active', license_id: 'sz-open-data-1.0' });
      expect(pkg.organization.is_organization).toBe(true);
      expect(pkg.extras.find((x: { key: string }) => x.key === '资源代码')).toBeTruthy();
      expect((await portal.action.package_show({ id: pkg.id })).name).toBe(names[0]);
      const resource = await portal.action.resource_show({ id: pkg.resources[0].id });
      expect(resource).toMatchObject({ package_id: pkg.id, url: expect.stringContaining(base) });
    });

    it('a dataset with live data lists CSV, XLSX and JSON resources whose URLs download the data', async () => {
      const pkg = await portal.action.package_show({ id: withData });
      expect(pkg.resources.map((r: { format: string }) => r.format)).toEqual(['HTML', 'CSV', 'XLSX', 'JSON']);
      const csv = pkg.resources.find((r: { format: string }) => r.format === 'CSV');
      expect(csv).toMatchObject({ mimetype: 'text/csv', url: `${base}/api/open/datasets/${withData}/download.csv` });
      expect(await portal.action.resource_show({ id: csv.id })).toMatchObject({ format: 'CSV', url: csv.url });
      const file = await fetch(csv.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const lines = (await file.text()).replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
      expect(lines).toHaveLength(DATA_ROWS + 1);
      const json = await fetch(pkg.resources.find((r: { format: string }) => r.format === 'JSON').url);
      expect(((await json.json()) as unknown[]).length).toBe(DATA_ROWS);
      // the size served is known afterwards, to CKAN (resource size) and DCAT (dcat:byteSize)
      expect((await portal.action.package_show({ id: withData })).resources.find((r: { format: string }) => r.format === 'CSV').size).toBeGreaterThan(0);
      // datasets without data keep only their page
      const other = await portal.action.package_show({ id: names.find((n) => n !== withData) });
      expect(other.resources.map((r: { format: string }) => r.format)).toEqual(['HTML']);
    });

    it('package_search: text, fq on organization and res_format, rows/start, sort, facets', async () => {
      const all = await portal.action.package_search({ q: '*:*', rows: 100, 'facet.field': JSON.stringify(['organization', 'res_format', 'groups', 'tags']) });
      expect(all.count).toBe(6);
      expect(all.results).toHaveLength(6);
      const orgFacet = all.facets.organization as Record<string, number>;
      expect(Object.values(orgFacet).reduce((a, b) => a + b, 0)).toBe(6);
      expect(all.facets.res_format.HTML).toBe(6);
      expect(all.search_facets.organization.items[0]).toMatchObject({ name: expect.stringMatching(/^org-/), count: expect.any(Number) });

      const [orgName, orgCount] = Object.entries(orgFacet)[0];
      const byOrg = await portal.action.package_search({ fq: `organization:${orgName}`, rows: 100, 'facet.field': JSON.stringify(['organization', 'groups']) });
      expect(byOrg.count).toBe(orgCount);
      expect(byOrg.results.every((p: { organization: { name: string } }) => p.organization.name === orgName)).toBe(true);
      // facets count the datasets found, the filter applied — as Solr answers CKAN's clients
      expect(byOrg.facets.organization).toEqual({ [orgName]: orgCount });
      expect(Object.values(byOrg.facets.groups as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(orgCount);
      expect((await portal.action.package_search({ fq: 'res_format:HTML' })).count).toBe(6);
      expect((await portal.action.package_search({ fq: 'res_format:PDF' })).count).toBe(0);
      expect(all.facets.res_format.CSV).toBe(1);
      const csv = await portal.action.package_search({ fq: 'res_format:CSV' });
      expect(csv.results.map((p: { name: string }) => p.name)).toEqual([withData]);

      const page1 = await portal.action.package_search({ rows: 2, start: 0, sort: 'name asc' });
      const page2 = await portal.action.package_search({ rows: 2, start: 2, sort: 'name asc' });
      expect([...page1.results, ...page2.results].map((p: { name: string }) => p.name)).toEqual(names.slice(0, 4));

      const title: string = all.results[0].title;
      const text = await portal.action.package_search({ q: title });
      expect(text.results.map((p: { title: string }) => p.title)).toContain(title);
      // a text query within a filter (the filter narrows first, each dataset's text is probed): the same dataset
      const owner: string = all.results[0].organization.name;
      const within = await portal.action.package_search({ q: title, fq: `organization:${owner}` });
      expect(within.results.map((p: { title: string }) => p.title)).toContain(title);
      expect((await portal.action.package_search({ q: `${title}不存在的词`, fq: `organization:${owner}` })).count).toBe(0);
    });

    it('organization_list, organization_show, group_list, tag_list', async () => {
      const orgs = await portal.action.organization_list({ all_fields: true });
      expect(orgs.length).toBeGreaterThan(0);
      expect(orgs[0]).toMatchObject({ name: expect.stringMatching(/^org-/), title: expect.stringMatching(/[\u4e00-\u9fff]/), is_organization: true });
      const one = await portal.action.organization_show({ id: orgs[0].name, include_datasets: true });
      expect(one.packages.length).toBe(orgs[0].package_count);
      expect((await portal.action.group_list()).length).toBeGreaterThan(0);
      expect(await portal.action.tag_list()).toContain('无条件开放');
    });

    it('errors come back in CKAN shape and status (the client rejects with CKAN\'s error object)', async () => {
      await expect(portal.action.package_show({ id: 'sz-nope' })).rejects.toMatchObject({ __type: 'Not Found Error' });
      await expect(portal.action.package_search({ rows: 'many' })).rejects.toMatchObject({ __type: 'Validation Error', rows: expect.any(Array) });
      const unknown = await fetch(`${base}/api/3/action/package_create`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toBe('Bad request - Action name not known: package_create');
      const missing = await fetch(`${base}/api/action/package_show?id=sz-nope`);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toMatchObject({ success: false, error: { __type: 'Not Found Error', message: expect.stringMatching(/^Not found/) }, help: expect.stringContaining('help_show') });
      const badFq = await fetch(`${base}/api/3/action/package_search?fq=${encodeURIComponent('creator:someone')}`);
      expect(badFq.status).toBe(400);
      expect(((await badFq.json()) as { error: { __type: string } }).error.__type).toBe('Search Query Error');
    });
  });

  describe('DCAT-AP 3, parsed by standard RDF libraries', () => {
    const DCAT = 'http://www.w3.org/ns/dcat#';
    const DCT = 'http://purl.org/dc/terms/';
    const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type';
    const key = (q: Quad) => `${q.subject.value} ${q.predicate.value} ${q.object.termType}:${q.object.value}@${'language' in q.object ? q.object.language : ''}`;

    async function parseTurtle(text: string): Promise<Quad[]> {
      return new TurtleParser().parse(text);
    }
    async function parseJsonLd(text: string): Promise<Quad[]> {
      const nquads = (await jsonld.toRDF(JSON.parse(text), { format: 'application/n-quads' })) as unknown as string;
      return new TurtleParser({ format: 'N-Quads' }).parse(nquads);
    }
    async function parseRdfXml(text: string): Promise<Quad[]> {
      const quads: Quad[] = [];
      const parser = new RdfXmlParser();
      await new Promise<void>((resolve, reject) => {
        parser.on('data', (q: Quad) => quads.push(q)).on('error', reject).on('end', () => resolve());
        parser.write(text);
        parser.end();
      });
      return quads;
    }

    it('the three serialisations carry the same catalog: datasets, distributions, publishers, licences, themes', async () => {
      const get = async (path: string, type: RegExp) => {
        const res = await fetch(`${base}${path}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toMatch(type);
        return res.text();
      };
      const ttl = await parseTurtle(await get('/open/catalog.ttl', /text\/turtle/));
      const json = await parseJsonLd(await get('/open/catalog.jsonld', /application\/ld\+json/));
      const xml = await parseRdfXml(await get('/open/catalog.rdf', /application\/rdf\+xml/));
      // the hydra view names its own format's URL; everything else is identical
      const norm = (qs: Quad[]) => new Set(qs.map(key).map((k) => k.replace(/catalog\.(ttl|jsonld|rdf)/g, 'catalog.X')));
      expect(norm(json)).toEqual(norm(ttl));
      expect(norm(xml)).toEqual(norm(ttl));

      const typed = (cls: string) => ttl.filter((q) => q.predicate.value === RDF_TYPE && q.object.value === cls).map((q) => q.subject.value);
      const datasets = typed(`${DCAT}Dataset`);
      expect(datasets.sort()).toEqual(names.map((n) => `${base}/open/datasets/${n}`).sort());
      expect(typed(`${DCAT}Catalog`)).toEqual([`${base}/open/catalog`]);
      // a page per dataset, and CSV, XLSX and JSON for the one with data
      expect(typed(`${DCAT}Distribution`)).toHaveLength(6 + 3);
      const downloads = ttl.filter((q) => q.predicate.value === `${DCAT}downloadURL`).map((q) => q.object.value);
      expect(downloads.sort()).toEqual(['csv', 'json', 'xlsx'].map((f) => `${base}/api/open/datasets/${withData}/download.${f}`));
      const media = ttl.filter((q) => q.predicate.value === `${DCAT}mediaType`).map((q) => q.object.value);
      expect(media).toContain('https://www.iana.org/assignments/media-types/text/csv');
      const xlsx = await fetch(downloads.find((u) => u.endsWith('.xlsx')) as string);
      expect(xlsx.status).toBe(200);
      expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
      expect(typed('http://www.w3.org/2004/02/skos/core#Concept').length).toBeGreaterThan(0);
      for (const d of datasets) {
        const of = (p: string) => ttl.filter((q) => q.subject.value === d && q.predicate.value === p);
        expect(of(`${DCT}title`)[0].object.value).toMatch(/[\u4e00-\u9fff]/);
        expect(of(`${DCT}publisher`)).toHaveLength(1);
        expect(of(`${DCAT}theme`)).toHaveLength(1);
        expect(of(`${DCAT}distribution`).length).toBeGreaterThan(0);
      }
      // every distribution names the licence, and the catalog
      expect(ttl.filter((q) => q.predicate.value === `${DCT}license`).length).toBe(6 + 3 + 1);
    });

    it('each dataset at its own URL; paging and bad input', async () => {
      const one = await parseTurtle(await (await fetch(`${base}/open/datasets/${names[0]}.ttl`)).text());
      expect(one.some((q) => q.subject.value === `${base}/open/datasets/${names[0]}` && q.object.value === `${DCAT}Dataset`)).toBe(true);
      // a file once served in full has its size on the dataset's own page
      const own = await parseTurtle(await (await fetch(`${base}/open/datasets/${withData}.ttl`)).text());
      const size = own.find((q) => q.subject.value === `${base}/open/datasets/${withData}/distributions/xlsx` && q.predicate.value === `${DCAT}byteSize`);
      expect(Number(size?.object.value)).toBeGreaterThan(0);
      expect((await fetch(`${base}/open/datasets/sz-nope.ttl`)).status).toBe(404);
      const bad = await fetch(`${base}/open/catalog.ttl?page=0`);
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/problem\+json/);
      const page2 = await parseTurtle(await (await fetch(`${base}/open/catalog.ttl?page=2`)).text());
      expect(page2.filter((q) => q.object.value === `${DCAT}Dataset`)).toHaveLength(0);
      expect(page2.some((q) => q.predicate.value === 'http://www.w3.org/ns/hydra/core#totalItems' && q.object.value === '6')).toBe(true);
    });
  });
});
