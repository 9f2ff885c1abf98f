/**
 * The working copy of a report on the entry page, and how it is kept safe.
 *
 * Every keystroke is written at once to localStorage (per unit × form × period),
 * then the draft is saved to the server ~1.5 s after typing pauses, one save at
 * a time. A reload, a closed tab or a dropped connection loses nothing: the local
 * copy is restored on load when it differs from the server's draft, and saving
 * resumes when the browser is back online. Every save names the draft version it
 * was based on; when someone else saved in between, the server answers 409 and
 * the officer chooses what to keep — nothing is ever overwritten silently.
 */
import type { CellValue, FormDefinition } from '@baocao/domain';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/client';
import { type DraftConflict, type ReportKey, type ReportViewData, saveDraft } from '../../reporting/reports.api';
import {
  type Base,
  type DraftSnapshot,
  EMPTY_DRAFT,
  mergeDrafts,
  sameContent,
  sendableComments,
  sendableValues,
  serverCopy,
} from './draft-copies';

const SAVE_DELAY_MS = 1500;
const RETRY_DELAYS_MS = [3000, 5000, 10_000, 20_000, 30_000];

interface StoredDraft extends DraftSnapshot {
  base: Base;
  editedAt: number;
}

export type SaveStatus = 'idle' | 'dirty' | 'saving' | 'saved' | 'offline' | 'conflict' | 'error';

export interface ConflictState {
  details: DraftConflict;
  mine: DraftSnapshot;
  base: Base;
}

export type ConflictChoice = 'theirs' | 'mine' | 'merge';

export function draftStorageKey(key: ReportKey): string {
  return `baocao.draft.${key.unitId}.${key.formId}.${key.period}`;
}

function readStored(key: ReportKey): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(draftStorageKey(key));
    return text ? (JSON.parse(text) as StoredDraft) : null;
  } catch {
    return null;
  }
}

function writeStored(key: ReportKey, draft: StoredDraft | null): void {
  try {
    if (draft) window.localStorage.setItem(draftStorageKey(key), JSON.stringify(draft));
    else window.localStorage.removeItem(draftStorageKey(key));
  } catch {
    // Storage full or disabled: the server draft still saves.
  }
}

export function useReportDraft({
  reportKey,
  form,
  view,
  editable,
}: {
  reportKey: ReportKey;
  form: FormDefinition | null;
  view: ReportViewData | undefined;
  editable: boolean;
}) {
  const [snapshot, setSnapshot] = useState<DraftSnapshot>(EMPTY_DRAFT);
  const [status, setStatus] = useState<SaveStatus>('idle');
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [restored, setRestored] = useState(false);
  const state = useRef({
    key: reportKey,
    form,
    editable,
    snapshot: EMPTY_DRAFT,
    base: { version: 0, values: {}, comments: {} } as Base,
    editSeq: 0,
    savedSeq: 0,
    inFlight: null as Promise<void> | null,
    again: false,
    timer: 0,
    retries: 0,
    initializedFor: '',
    conflict: false,
  });
  const s = state.current;
  s.key = reportKey;
  s.form = form;
  s.editable = editable;

  const dirty = () => s.editSeq !== s.savedSeq;

  const adopt = useCallback((next: DraftSnapshot, base: Base) => {
    const st = state.current;
    st.snapshot = next;
    st.base = base;
    st.savedSeq = st.editSeq;
    setSnapshot(next);
  }, []);

  const store = useCallback(() => {
    const st = state.current;
    writeStored(st.key, { ...st.snapshot, base: st.base, editedAt: Date.now() });
  }, []);

  const save = useCallback(async (): Promise<void> => {
    const st = state.current;
    window.clearTimeout(st.timer);
    if (!st.form || !st.editable || st.conflict) return;
    if (st.inFlight) {
      st.again = true;
      return st.inFlight;
    }
    if (!dirtyOf(st)) return;
    const seq = st.editSeq;
    const sent = st.snapshot;
    const form = st.form;
    setStatus('saving');
    const run = (async () => {
      try {
        const result = await saveDraft(st.key, {
          values: sendableValues(form, sent.values),
          comments: sendableComments(sent.comments),
          isNil: sent.isNil,
          baseVersion: st.base.version,
        });
        st.base = { version: result.draftVersion, values: sent.values, comments: sent.comments };
        st.savedSeq = seq;
        st.retries = 0;
        setSavedAt(Date.now());
        setError(null);
        if (st.editSeq === seq) {
          writeStored(st.key, null);
          setStatus('saved');
        } else {
          store();
          st.again = true;
        }
      } catch (caught) {
        if (isApiError(caught) && caught.status === 409 && caught.code === 'CONFLICT') {
          st.conflict = true;
          st.again = false;
          setConflict({ details: caught.details as DraftConflict, mine: st.snapshot, base: st.base });
          setStatus('conflict');
        } else if (isApiError(caught) && (caught.status === 0 || caught.status >= 500)) {
          // Offline or the server is away: keep the local copy and try again, sooner when back online.
          setStatus('offline');
          const delay = RETRY_DELAYS_MS[Math.min(st.retries, RETRY_DELAYS_MS.length - 1)]!;
          st.retries += 1;
          st.timer = window.setTimeout(() => void save(), delay);
        } else {
          setError(caught);
          setStatus('error');
        }
      } finally {
        st.inFlight = null;
      }
    })();
    st.inFlight = run;
    await run;
    if (st.again && !st.conflict) {
      st.again = false;
      if (dirtyOf(st)) await save();
    }
  }, [store]);

  // Load the report: the server's copy, or the device's unsaved copy when it differs.
  useEffect(() => {
    if (!view || !form) return;
    const id = draftStorageKey(reportKey);
    const server = serverCopy(view);
    if (s.initializedFor !== id) {
      s.initializedFor = id;
      s.conflict = false;
      setConflict(null);
      setError(null);
      setSavedAt(view.submission?.draftUpdatedAt ? Date.parse(view.submission.draftUpdatedAt) : null);
      const stored = editable ? readStored(reportKey) : null;
      if (stored && !sameContent(stored, server.snapshot)) {
        adopt({ values: stored.values, comments: stored.comments, isNil: stored.isNil }, stored.base);
        s.editSeq += 1;
        setRestored(true);
        setStatus('dirty');
        s.timer = window.setTimeout(() => void save(), 300);
      } else {
        if (stored) writeStored(reportKey, null);
        adopt(server.snapshot, server.base);
        setRestored(false);
        setStatus(view.submission ? 'saved' : 'idle');
      }
      return;
    }
    // A refetch: take the server's newer copy only when nothing here is waiting to be saved.
    if (!dirtyOf(s) && !s.inFlight && !s.conflict && server.base.version !== s.base.version)
      adopt(server.snapshot, server.base);
  }, [view, form, reportKey, editable, s, adopt, save]);

  // Back online: save what is waiting.
  useEffect(() => {
    const online = () => {
      if (dirtyOf(state.current)) void save();
    };
    const offline = () => {
      if (dirtyOf(state.current)) setStatus('offline');
    };
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
    };
  }, [save]);

  // Leaving the page: save now rather than after the pause (the local copy covers a failure).
  useEffect(
    () => () => {
      const st = state.current;
      window.clearTimeout(st.timer);
      if (dirtyOf(st)) void save();
    },
    [save],
  );

  const edit = useCallback(
    (next: DraftSnapshot) => {
      const st = state.current;
      st.snapshot = next;
      st.editSeq += 1;
      setSnapshot(next);
      store();
      if (st.conflict) return;
      setStatus(navigator.onLine ? 'dirty' : 'offline');
      window.clearTimeout(st.timer);
      st.timer = window.setTimeout(() => void save(), SAVE_DELAY_MS);
    },
    [save, store],
  );

  const setValues = useCallback(
    (changes: Record<string, CellValue>) => {
      const st = state.current;
      edit({ ...st.snapshot, values: { ...st.snapshot.values, ...changes }, isNil: false });
    },
    [edit],
  );

  const setComment = useCallback(
    (key: string, text: string) => {
      const st = state.current;
      edit({ ...st.snapshot, comments: { ...st.snapshot.comments, [key]: text } });
    },
    [edit],
  );

  /** Settles the conflict the way the officer chose. */
  const resolveConflict = useCallback(
    (choice: ConflictChoice) => {
      const st = state.current;
      const current = conflict;
      if (!current) return;
      const theirs: Base = {
        version: current.details.draftVersion,
        values: current.details.values ?? {},
        comments: current.details.comments ?? {},
      };
      st.conflict = false;
      setConflict(null);
      if (choice === 'theirs') {
        adopt({ values: theirs.values, comments: theirs.comments, isNil: false }, theirs);
        writeStored(st.key, null);
        setStatus('saved');
        return;
      }
      let next = st.snapshot;
      if (choice === 'merge') next = mergeDrafts(current.base, st.snapshot, theirs);
      st.base = theirs;
      st.snapshot = next;
      st.editSeq += 1;
      setSnapshot(next);
      store();
      void save();
    },
    [conflict, adopt, save, store],
  );

  /** Waits for a save in progress and cancels the pending one; returns the draft version to submit on. */
  const settle = useCallback(async (): Promise<number> => {
    const st = state.current;
    window.clearTimeout(st.timer);
    st.again = false;
    if (st.inFlight) await st.inFlight;
    return st.base.version;
  }, []);

  /** After a submit carrying `sent`: the server's draft is now that copy, one version on. */
  const submitted = useCallback(
    (sent: DraftSnapshot, seqAtSubmit: number) => {
      const st = state.current;
      st.base = { version: st.base.version + 1, values: sent.values, comments: sent.comments };
      if (st.editSeq === seqAtSubmit) {
        st.savedSeq = st.editSeq;
        writeStored(st.key, null);
        setStatus('saved');
        setSavedAt(Date.now());
      } else void save();
    },
    [save],
  );

  /**
   * The server's draft was replaced behind this copy (an Excel upload): drop what is unsaved here,
   * the device's copy included, so the next load of the report takes the server's copy whatever its version.
   */
  const takeServerCopy = useCallback(() => {
    const st = state.current;
    window.clearTimeout(st.timer);
    st.again = false;
    st.savedSeq = st.editSeq;
    st.conflict = false;
    st.base = { ...st.base, version: -1 };
    writeStored(st.key, null);
    setConflict(null);
    setRestored(false);
    setError(null);
    setStatus('saved');
    setSavedAt(Date.now());
  }, []);

  /** Shows a conflict met by a submit. */
  const conflictFromSubmit = useCallback((details: DraftConflict) => {
    const st = state.current;
    st.conflict = true;
    window.clearTimeout(st.timer);
    setConflict({ details, mine: st.snapshot, base: st.base });
    setStatus('conflict');
  }, []);

  return {
    snapshot,
    status,
    savedAt,
    error,
    conflict,
    restored,
    dismissRestored: () => setRestored(false),
    setValues,
    setComment,
    resolveConflict,
    conflictFromSubmit,
    takeServerCopy,
    settle,
    submitted,
    retry: () => void save(),
    editSeq: () => state.current.editSeq,
    isDirty: dirty,
  };
}

function dirtyOf(st: { editSeq: number; savedSeq: number }): boolean {
  return st.editSeq !== st.savedSeq;
}
