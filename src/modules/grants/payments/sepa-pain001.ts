// SEPA Credit Transfer initiation, ISO 20022 pain.001.001.03 (the version Italian banks accept through
// CBI and the EPC SCT implementation guidelines): one payment information block debiting the treasury
// account, one transaction per beneficiary. Pure: every value comes from the input.

export const PAIN001_NAMESPACE = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.03';

export interface TSepaParty {
  name: string;
  iban: string;
  bic: string;
}

export interface TSepaTransaction {
  /** EndToEndId: the application's protocol number. */
  endToEndId: string;
  amountCents: number;
  creditorName: string;
  creditorIban: string;
  /** Unstructured remittance (at most 140 characters are kept). */
  remittance: string;
}

export interface TPain001Input {
  /** Unique per file (GrpHdr/MsgId, at most 35 characters). */
  messageId: string;
  createdAt: Date;
  initiatingPartyName: string;
  paymentInfoId: string;
  /** yyyy-mm-dd. */
  requestedExecutionDate: string;
  debtor: TSepaParty;
  transactions: readonly TSepaTransaction[];
}

/** Escapes the five XML special characters. */
export function xmlEscape(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Text for a SEPA field: accents removed (the EPC basic Latin character set; "Niccolò" → "Niccolo"),
 * control characters and runs of spaces collapsed, cut to `max` characters, then XML-escaped.
 */
export function sepaText(s: string, max: number): string {
  const plain = s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f\s]+/g, ' ')
    .trim();
  const cut = Array.from(plain).slice(0, max).join('').trim();
  return xmlEscape(cut.length > 0 ? cut : 'NOTPROVIDED');
}

/** 123456 → "1234.56". */
export function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0)
    throw new RangeError('amount in cents must be a non-negative integer');
  const s = String(cents).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Compact upper-case IBAN/BIC. */
const compact = (s: string) => s.replace(/\s+/g, '').toUpperCase();

/** "2024-11-05T10:00:00" in Italian time (ISODateTime without fractional seconds). */
export function isoDateTimeRome(d: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(d);
  const p = (t: string) => parts.find((x) => x.type === t)?.value ?? '00';
  return `${p('year')}-${p('month')}-${p('day')}T${p('hour')}:${p('minute')}:${p('second')}`;
}

export function buildPain001(input: TPain001Input): string {
  if (input.transactions.length === 0) throw new RangeError('a payment order needs at least one transaction');
  const total = input.transactions.reduce((s, t) => s + t.amountCents, 0);
  const n = String(input.transactions.length);
  const ctrlSum = centsToDecimal(total);
  const debtorIban = compact(input.debtor.iban);
  const debtorBic = compact(input.debtor.bic);
  const tx = input.transactions.map(
    (t) => `
      <CdtTrfTxInf>
        <PmtId>
          <EndToEndId>${sepaText(t.endToEndId, 35)}</EndToEndId>
        </PmtId>
        <Amt>
          <InstdAmt Ccy="EUR">${centsToDecimal(t.amountCents)}</InstdAmt>
        </Amt>
        <Cdtr>
          <Nm>${sepaText(t.creditorName, 70)}</Nm>
        </Cdtr>
        <CdtrAcct>
          <Id>
            <IBAN>${xmlEscape(compact(t.creditorIban))}</IBAN>
          </Id>
        </CdtrAcct>
        <RmtInf>
          <Ustrd>${sepaText(t.remittance, 140)}</Ustrd>
        </RmtInf>
      </CdtTrfTxInf>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="${PAIN001_NAMESPACE}">
  <CstmrCdtTrfInitn>
    <GrpHdr>
      <MsgId>${sepaText(input.messageId, 35)}</MsgId>
      <CreDtTm>${isoDateTimeRome(input.createdAt)}</CreDtTm>
      <NbOfTxs>${n}</NbOfTxs>
      <CtrlSum>${ctrlSum}</CtrlSum>
      <InitgPty>
        <Nm>${sepaText(input.initiatingPartyName, 70)}</Nm>
      </InitgPty>
    </GrpHdr>
    <PmtInf>
      <PmtInfId>${sepaText(input.paymentInfoId, 35)}</PmtInfId>
      <PmtMtd>TRF</PmtMtd>
      <BtchBookg>false</BtchBookg>
      <NbOfTxs>${n}</NbOfTxs>
      <CtrlSum>${ctrlSum}</CtrlSum>
      <PmtTpInf>
        <SvcLvl>
          <Cd>SEPA</Cd>
        </SvcLvl>
      </PmtTpInf>
      <ReqdExctnDt>${xmlEscape(input.requestedExecutionDate)}</ReqdExctnDt>
      <Dbtr>
        <Nm>${sepaText(input.debtor.name, 70)}</Nm>
      </Dbtr>
      <DbtrAcct>
        <Id>
          <IBAN>${xmlEscape(debtorIban)}</IBAN>
        </Id>
      </DbtrAcct>
      <DbtrAgt>
        <FinInstnId>
          <BIC>${xmlEscape(debtorBic)}</BIC>
        </FinInstnId>
      </DbtrAgt>
      <ChrgBr>SLEV</ChrgBr>${tx.join('')}
    </PmtInf>
  </CstmrCdtTrfInitn>
</Document>
`;
}
