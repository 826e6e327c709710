/** The DPR 445/2000 text printed on every self-declaration receipt (seed 000, introduction). */
export const DPR_445_TEXT =
  'La presente registrazione è resa sotto forma di dichiarazione sostitutiva ai sensi degli artt. 46 e 47 del ' +
  'D.P.R. 28 dicembre 2000, n. 445. Il dichiarante è consapevole che tutti i dati inseriti saranno soggetti a ' +
  "verifica e che le dichiarazioni mendaci, la falsità negli atti e l'uso di atti falsi comportano l'applicazione " +
  "delle sanzioni penali previste dall'art. 76 del D.P.R. 445/2000 e la decadenza dai benefici eventualmente " +
  'conseguiti (art. 75).';
