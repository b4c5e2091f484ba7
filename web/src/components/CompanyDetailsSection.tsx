/**
 * Settings → Company details: the name, postal address, e-mail, phone and logo printed on the
 * owners' PDFs and e-mails. Everyone sees them; admins change them. The logo is checked here
 * for type and size before it is sent (the server checks again, by its bytes).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { MAX_LOGO_KIB, MAX_LOGO_PIXELS } from '../../../src/contract/logo-limits.js';
import { api, type CompanyDto, type CompanyInput, errorMessage, isApiError } from '../api.js';
import { useAuth } from '../auth.js';
import { companyQuery, queryKeys } from '../queries.js';
import { LoadState } from './LoadState.js';

interface Form {
  name: string;
  address: string;
  email: string;
  phone: string;
}

const formOf = (c: CompanyDto): Form => ({
  name: c.name,
  address: c.addressLines.join('\n'),
  email: c.email ?? '',
  phone: c.phone ?? '',
});

const inputOf = (f: Form): CompanyInput => ({
  name: f.name,
  addressLines: f.address
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean),
  email: f.email.trim() || null,
  phone: f.phone.trim() || null,
});

/** The server's refusals of a logo, in words for the person choosing the file. */
const LOGO_ERRORS: Record<string, string> = {
  logo_too_large: `The file is larger than ${MAX_LOGO_KIB} KiB. Save the logo smaller (a PNG or JPEG of a few hundred pixels wide is plenty) and try again.`,
  logo_not_image: 'This file is not a PNG or JPEG image the statements can show. Choose a PNG or JPEG file.',
  logo_too_many_pixels: `The image is larger than ${MAX_LOGO_PIXELS} × ${MAX_LOGO_PIXELS} pixels. Scale it down and try again.`,
  payload_too_large: `The file is larger than ${MAX_LOGO_KIB} KiB. Choose a smaller file.`,
};

/** The file's bytes as base64 (what the upload sends), read by the browser. */
function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}

/** One write at a time with its busy flag and error (a problem found before sending included). */
function useRun() {
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation({ mutationFn: (work: () => Promise<void>) => work() });
  return {
    busy: mutation.isPending,
    error: problem ?? (mutation.error ? errorMessage(mutation.error) : null),
    setError: setProblem,
    run: async (work: () => Promise<void>) => {
      setProblem(null);
      await mutation.mutateAsync(work).catch(() => undefined); // shown through `error`
    },
  };
}

export function CompanyDetailsSection() {
  const id = useId();
  const { can } = useAuth();
  const editable = can('settings:edit');
  const client = useQueryClient();
  const company = useQuery(companyQuery());
  const { data } = company;
  const loading = company.isPending;
  const error = company.error ? errorMessage(company.error) : null;
  const setData = (next: CompanyDto) => client.setQueryData(queryKeys.company, next);
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const save = useRun();
  const logo = useRun();
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (data) setForm(formOf(data));
  }, [data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setSaved(null);
    void save.run(async () => {
      const next = await api.updateCompany(inputOf(form));
      setData(next);
      setSaved('Company details saved. New PDFs and e-mails show them.');
    });
  }

  function chooseLogo(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setSaved(null);
    if (!['image/png', 'image/jpeg'].includes(file.type)) {
      logo.setError(LOGO_ERRORS.logo_not_image ?? null);
      return;
    }
    if (file.size > MAX_LOGO_KIB * 1024) {
      logo.setError(LOGO_ERRORS.logo_too_large ?? null);
      return;
    }
    void logo.run(async () => {
      try {
        setData(await api.uploadLogo(await readBase64(file)));
        setSaved('Logo saved.');
      } catch (err) {
        if (isApiError(err) && LOGO_ERRORS[err.code]) throw new Error(LOGO_ERRORS[err.code]);
        throw err;
      }
    });
  }

  function removeLogo() {
    setSaved(null);
    void logo.run(async () => {
      setData(await api.removeLogo());
      setSaved('Logo removed.');
    });
  }

  const busy = save.busy || logo.busy;
  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Company details</h2>
      <p className="hint">
        Printed on every owner statement PDF and in the e-mail that sends it: the letterhead, the signature
        and the sender's name.
        {data && !data.saved
          ? ' Until they are saved, statements show only the name set by COMPANY_NAME.'
          : ''}
      </p>
      <LoadState loading={loading} error={error} what="the company details" />
      {data && form ? (
        <>
          <form onSubmit={submit} aria-label="Company details">
            <div className="field">
              <label htmlFor={`${id}-name`}>Company name</label>
              <input
                id={`${id}-name`}
                value={form.name}
                required
                maxLength={200}
                readOnly={!editable}
                disabled={busy}
                autoComplete="organization"
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={`${id}-address`}>Postal address</label>
              <textarea
                id={`${id}-address`}
                className="company-address"
                rows={4}
                value={form.address}
                readOnly={!editable}
                disabled={busy}
                autoComplete="street-address"
                aria-describedby={`${id}-address-hint`}
                onChange={(e) => setForm({ ...form, address: e.target.value })}
              />
              <span id={`${id}-address-hint`} className="hint">
                One line per row, as it should be printed (at most 6 lines).
              </span>
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-email`}>E-mail</label>
                <input
                  id={`${id}-email`}
                  type="email"
                  value={form.email}
                  readOnly={!editable}
                  disabled={busy}
                  autoComplete="email"
                  aria-describedby={`${id}-email-hint`}
                  onChange={(e) => setForm({ ...form, email: e.target.value })}
                />
                <span id={`${id}-email-hint`} className="hint">
                  Owners' replies to statement e-mails go here.
                </span>
              </div>
              <div className="field">
                <label htmlFor={`${id}-phone`}>Phone</label>
                <input
                  id={`${id}-phone`}
                  type="tel"
                  value={form.phone}
                  readOnly={!editable}
                  disabled={busy}
                  autoComplete="tel"
                  onChange={(e) => setForm({ ...form, phone: e.target.value })}
                />
              </div>
            </div>
            {save.error ? (
              <p role="alert" className="form-error">
                {save.error}
              </p>
            ) : null}
            {editable ? (
              <button type="submit" className="button-primary" disabled={busy}>
                {save.busy ? 'Saving...' : 'Save company details'}
              </button>
            ) : (
              <p className="hint">Only admins change the company details.</p>
            )}
          </form>

          <h3 id={`${id}-logo-h`}>Logo</h3>
          <div className="company-logo">
            {data.logo ? (
              <img
                className="company-logo-preview"
                src={api.companyLogoUrl(data.logo.updatedAt)}
                alt={`Logo of ${data.name}`}
              />
            ) : (
              <p className="hint">No logo yet: statements show the company name alone.</p>
            )}
            {editable ? (
              <div className="button-row">
                <input
                  ref={fileInput}
                  id={`${id}-logo`}
                  type="file"
                  accept="image/png,image/jpeg"
                  hidden
                  onChange={chooseLogo}
                />
                <button type="button" disabled={busy} onClick={() => fileInput.current?.click()}>
                  {logo.busy ? 'Uploading...' : data.logo ? 'Replace logo…' : 'Upload logo…'}
                </button>
                {data.logo ? (
                  <button type="button" className="button-danger" disabled={busy} onClick={removeLogo}>
                    Remove logo
                  </button>
                ) : null}
              </div>
            ) : null}
            <p className="hint">
              PNG or JPEG, at most {MAX_LOGO_KIB} KiB and {MAX_LOGO_PIXELS} pixels on each side. A wide logo
              on a transparent background prints best.
            </p>
            {logo.error ? (
              <p role="alert" className="form-error">
                {logo.error}
              </p>
            ) : null}
          </div>
          {saved && !save.error && !logo.error ? <p role="status">{saved}</p> : null}
        </>
      ) : null}
    </section>
  );
}
