// HTML pages of the simulator: the consent page and error pages.

import type { SimCompany } from './types';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

const STYLE = `
  body { font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; background: #f4f5f7; color: #1d2433; margin: 0; }
  main { max-width: 440px; margin: 72px auto; background: #fff; border-radius: 12px; padding: 32px; box-shadow: 0 2px 12px rgba(0,0,0,.08); }
  h1 { font-size: 20px; margin: 0 0 8px; }
  p { line-height: 1.5; }
  .badge { display: inline-block; font-size: 12px; padding: 2px 8px; border-radius: 10px; background: #e7ecff; color: #2a3fa0; }
  .sandbox { background: #fff3d6; color: #8a5a00; }
  label, select { display: block; width: 100%; margin: 12px 0 4px; font-size: 14px; }
  select { padding: 8px; }
  .actions { display: flex; gap: 12px; margin-top: 24px; }
  button { flex: 1; padding: 10px; font-size: 15px; border-radius: 8px; border: 1px solid #c4c9d4; background: #fff; cursor: pointer; }
  button.primary { background: #1d4ed8; border-color: #1d4ed8; color: #fff; }
  code { word-break: break-all; font-size: 12px; }
`;

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body><main>
${body}
</main></body>
</html>
`;
}

export interface ConsentPageInput {
  requestId: string;
  company: SimCompany;
  redirectUri: string;
  selectedEmail: string;
}

/** The page a signed-in user sees before granting an application access to Light. */
export function consentPage(input: ConsentPageInput): string {
  const { company } = input;
  const options = company.users
    .map((u) => {
      const selected = u.email === input.selectedEmail ? ' selected' : '';
      return `<option value="${escapeHtml(u.email)}"${selected}>${escapeHtml(`${u.firstName} ${u.lastName} <${u.email}>`)}</option>`;
    })
    .join('');
  const env = company.environment === 'sandbox' ? '<span class="badge sandbox">Sandbox</span>' : '<span class="badge">Production</span>';
  return page(
    'Authorize access - Light',
    `<h1>Authorize access to ${escapeHtml(company.name)}</h1>
<p>${env}</p>
<p>The application <strong>${escapeHtml(company.clientId)}</strong> wants to access Light on behalf of the user below,
with the same permissions as that user. You will be sent back to:</p>
<p><code>${escapeHtml(input.redirectUri)}</code></p>
<form method="post" action="/oauth/authorize/decision">
  <input type="hidden" name="request_id" value="${escapeHtml(input.requestId)}">
  <label for="user">Signed in as</label>
  <select id="user" name="user">${options}</select>
  <div class="actions">
    <button type="submit" name="decision" value="deny" id="deny">Deny</button>
    <button type="submit" name="decision" value="approve" id="approve" class="primary">Approve</button>
  </div>
</form>`,
  );
}

export function errorPage(title: string, message: string): string {
  return page(`${title} - Light`, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
