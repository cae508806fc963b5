import type { Express, Request, Response } from 'express';
import { CkanError, ckanAction } from '@govdata/opendata';
import type { AppContext } from '../context';

/** The site's own absolute address as the client reached it (behind a proxy: trust proxy decides). */
export const siteUrl = (req: Request): string => `${req.protocol}://${req.get('host') ?? 'localhost'}`;

/**
 * The CKAN Action API, read side (CKAN 2.10): `/api/3/action/<name>` and `/api/action/<name>`, GET with query
 * parameters or POST with a JSON object. Answers and errors in CKAN's envelope (`{help, success, result}`,
 * `{help, success: false, error: {__type, message}}`) with CKAN's status codes, not problem+json: harvesters and
 * CKAN clients parse these.
 */
export function mountCkan(app: Express, ctx: AppContext): void {
  const handle = async (req: Request, res: Response): Promise<void> => {
    const action = String(req.params.action);
    const help = `${siteUrl(req)}/api/3/action/help_show?name=${encodeURIComponent(action)}`;
    // CKAN reads an empty POST as {} (clients call parameterless actions with no body)
    const body: unknown = req.body ?? {};
    const params: Record<string, unknown> = req.method === 'POST' ? (body as Record<string, unknown>) : { ...req.query };
    if (req.method === 'POST' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      res.status(400).json('Bad request - Bad request data: Request data JSON decoded but it needs to be a dictionary.');
      return;
    }
    delete params.callback;
    try {
      const result = await ckanAction({ em: ctx.db.fork(), baseUrl: siteUrl(req) }, action, params);
      res.json({ help, success: true, result });
    } catch (e) {
      if (!(e instanceof CkanError)) throw e;
      if (e.type === 'Bad Request') {
        res.status(400).json(e.message);
        return;
      }
      const error = e.type === 'Validation Error' ? { __type: e.type, ...e.fields } : { __type: e.type, message: e.message };
      res.status(e.status).json({ help, success: false, error });
    }
  };
  for (const prefix of ['/api/3/action', '/api/action']) {
    app.get(`${prefix}/:action`, (req, res, next) => void handle(req, res).catch(next));
    app.post(`${prefix}/:action`, (req, res, next) => void handle(req, res).catch(next));
  }
}
