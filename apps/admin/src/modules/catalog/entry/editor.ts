import { inject, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import type { EntryDetailDto } from '@govdata/domain';
import type { EntryForm, FieldErrors } from '../entry-form';

/**
 * What the tabs of the entry editor share: the form, whether it is being edited, the field errors (the same rules
 * as the API, or the API's own answer) and the stored entry. Provided by EntryView, injected by each section.
 */
export interface EditorContext {
  form: EntryForm;
  editing: Ref<boolean>;
  errors: FieldErrors;
  entry: Ref<EntryDetailDto | null>;
  /** a published entry's classification, hence its code, is frozen (re-catalogue and retire instead) */
  classificationFrozen: ComputedRef<boolean>;
  /** only the bureau files an entry in another department's name */
  canChooseProvider: ComputedRef<boolean>;
}

export const EDITOR_KEY: InjectionKey<EditorContext> = Symbol('catalog-entry-editor');

export function useEditor(): EditorContext {
  const ctx = inject(EDITOR_KEY);
  if (!ctx) throw new Error('catalog entry sections must be used inside EntryView');
  return ctx;
}
