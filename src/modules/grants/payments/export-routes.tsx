// The applications of a call as CSV and XLSX, for the office (grants:review).
import type { FastifyInstance } from 'fastify';
import { requirePermission } from '../../../http/request-context.js';
import { attachmentHeader } from '../../documents/customer/download-documents.js';
import type { TGrantsDeps } from '../grants-deps.js';
import { officeCall } from '../review/office-route-kit.js';
import { applicationsCsv, applicationsXlsx, exportRows } from './export-applications.js';

export async function exportRoutes(app: FastifyInstance, deps: TGrantsDeps) {
  const review = { preHandler: requirePermission('grants:review') };

  app.get('/ufficio/bandi/:callId/domande.csv', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    const csv = applicationsCsv(await exportRows(deps.db, req.tenant.id, call));
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', attachmentHeader(`domande-${call.code}.csv`))
      .send(csv);
  });

  app.get('/ufficio/bandi/:callId/domande.xlsx', review, async (req, reply) => {
    const call = await officeCall(deps, req);
    const xlsx = await applicationsXlsx(await exportRows(deps.db, req.tenant.id, call), call.title);
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', attachmentHeader(`domande-${call.code}.xlsx`))
      .send(xlsx);
  });
}
