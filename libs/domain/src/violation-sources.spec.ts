import { describe, expect, it } from 'vitest';
import { missingCatalogSource, staleEntrySource } from './freshness';
import { SHARE_STEP_SUBJECT } from './share';
import { isViolationSourceKind, VIOLATION_SOURCE_KINDS, violationSourceLink } from './violation-sources';

describe('violation source kinds — one registry of what a violation rests on', () => {
  it('lists every kind the detectors write', () => {
    const written = [SHARE_STEP_SUBJECT, 'update_trigger', staleEntrySource(1, '2026-01-01').kind, missingCatalogSource(1, new Date()).kind, 'duplicate_collection', 'notice', 'inspection'];
    for (const kind of written) expect(isViolationSourceKind(kind), kind).toBe(true);
  });
  it('has no drifted aliases', () => {
    for (const alias of ['catalog_update_trigger', 'catalog_entry', 'catalog_duplicate', 'share_request']) expect(isViolationSourceKind(alias), alias).toBe(false);
    expect(isViolationSourceKind('toString')).toBe(false);
  });
  it('links each source to the page of its subject', () => {
    expect(violationSourceLink({ kind: 'share_request_step', id: '5176' }, { requestId: 3201 })).toEqual({ to: '/share/requests/3201', opens: 'shareRequest' });
    expect(violationSourceLink({ kind: 'share_request_step', id: '5176' }, {})).toBeNull();
    expect(violationSourceLink({ kind: 'catalog_entry_freshness', id: '595:2025-11-14' })?.to).toBe('/catalog/entries/595');
    expect(violationSourceLink({ kind: 'update_trigger', id: '12' })?.to).toBe('/catalog/update-triggers?q=%2312&state=all');
    expect(violationSourceLink({ kind: 'duplicate_collection', id: '31' })?.to).toBe('/catalog/duplicates?q=%2331&status=all');
    expect(violationSourceLink({ kind: 'notice', id: '4' })).toEqual({ to: '/notices/4', opens: 'escalatedNotice' });
    expect(violationSourceLink({ kind: 'open_application', id: '12' })).toEqual({ to: '/opendata/applications/12', opens: 'openApplication' });
    expect(violationSourceLink({ kind: 'inspection', id: 'c0ffee' })).toBeNull();
    expect(violationSourceLink({ kind: 'department_catalog', id: '3:2026' })).toBeNull();
    expect(violationSourceLink({ kind: 'something_new', id: '1' })).toBeNull();
  });
  it('names every kind in Chinese and English', () => {
    for (const [kind, spec] of Object.entries(VIOLATION_SOURCE_KINDS)) {
      expect(spec.label, kind).toMatch(/[\u4e00-\u9fff]/);
      expect(spec.labelEn, kind).toMatch(/^[A-Z]/);
    }
  });
});
