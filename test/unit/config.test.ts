import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConfigError, fastifyTrustProxy, loadConfig } from '../../src/config.js';
import { tenantBaseUrl } from '../../src/tenancy/tenant.js';

const SECRET = 'k'.repeat(40);
const PRODUCTION = {
  NODE_ENV: 'production',
  SESSION_SECRET: SECRET,
  APP_SECRET: `${SECRET}-app`,
  DATABASE_URL: 'postgres://focolare@db.internal:5432/focolare',
  SMTP_URL: 'smtp://mail.internal:25',
};

function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err;
  }
  assert.fail('loadConfig should have refused the configuration');
}

describe('configuration', () => {
  test('development defaults: PGlite, demo data, development secrets', () => {
    const c = loadConfig({});
    assert.equal(c.env, 'development');
    assert.equal(c.port, 3000);
    assert.deepEqual(c.database, { kind: 'pglite', dataDir: './data/pglite' });
    assert.equal(c.demoSeed, true);
    assert.equal(c.mail.smtpUrl, undefined);
    assert.ok(c.session.secret.length >= 32);
  });

  test('variables are read and converted', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/d',
      DATABASE_POOL_SIZE: '4',
      TRUST_PROXY: 'true',
      DEMO_SEED: 'false',
    });
    assert.equal(c.port, 8080);
    assert.deepEqual(c.database, { kind: 'postgres', url: 'postgres://u@h:5432/d', poolSize: 4 });
    assert.equal(c.trustProxy, true);
    assert.equal(c.demoSeed, false);
  });

  test('unrelated environment variables are ignored', () => {
    assert.doesNotThrow(() => loadConfig({ PATH: '/usr/bin', HOME: '/root' }));
  });

  test('a bad variable gives an Italian error naming it', () => {
    assert.match(configError({ PORT: 'abc' }).message, /^Configurazione non valida:\n- PORT: /);
    assert.match(configError({ PORT: '70000' }).message, /- PORT: /);
    assert.match(configError({ DATABASE_URL: 'non è un indirizzo' }).message, /- DATABASE_URL: /);
    assert.match(configError({ LOG_LEVEL: 'verbose' }).message, /- LOG_LEVEL: /);
    assert.match(configError({ NODE_ENV: 'staging' }).message, /- NODE_ENV: /);
    assert.match(configError({ TRUST_PROXY: 'yes' }).message, /- TRUST_PROXY: /);
  });

  test('every bad variable is named at once', () => {
    const msg = configError({ PORT: 'abc', HASH_THREADS: '-1' }).message;
    assert.match(msg, /- PORT: /);
    assert.match(msg, /- HASH_THREADS: /);
  });

  test('a short secret is refused without showing its value', () => {
    const msg = configError({ SESSION_SECRET: 'troppo-corto' }).message;
    assert.match(msg, /- SESSION_SECRET: deve essere lungo almeno 32 caratteri/);
    assert.ok(!msg.includes('troppo-corto'));
  });

  test('production requires the secrets, the database and SMTP', () => {
    const msg = configError({ NODE_ENV: 'production' }).message;
    for (const name of ['SESSION_SECRET', 'APP_SECRET', 'DATABASE_URL', 'SMTP_URL']) {
      assert.match(msg, new RegExp(`- ${name}: obbligatoria in produzione`));
    }
    const { APP_SECRET: _omitted, ...withoutAppSecret } = PRODUCTION;
    const one = configError(withoutAppSecret).message;
    assert.match(one, /- APP_SECRET: obbligatoria in produzione/);
    assert.ok(!one.includes('SESSION_SECRET'));
  });

  test('a complete production configuration loads, without the demo data and the development secret', () => {
    const c = loadConfig(PRODUCTION);
    assert.equal(c.env, 'production');
    assert.equal(c.demoSeed, false);
    assert.equal(c.session.secret, SECRET);
    assert.equal(c.appSecret, `${SECRET}-app`);
    assert.equal(c.database.kind, 'postgres');
    assert.equal(c.mail.smtpUrl, 'smtp://mail.internal:25');
  });
  test('DATABASE_URL must be postgres:// or postgresql://, in Italian, without repeating the value', () => {
    for (const ok of ['postgres://u:p@h:5432/d', 'postgresql://u@h/d']) {
      assert.equal(loadConfig({ DATABASE_URL: ok }).database.kind, 'postgres');
    }
    for (const bad of ['mysql://u:segreta@h/d', 'h:5432/d', 'http://h/d']) {
      const msg = configError({ DATABASE_URL: bad }).message;
      assert.match(
        msg,
        /- DATABASE_URL: indirizzo non valido, atteso un indirizzo postgres:\/\/ o postgresql:\/\//,
      );
      assert.ok(!msg.includes('segreta'));
    }
  });

  test('SMTP_URL must be smtp:// or smtps://', () => {
    assert.equal(
      loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465' }).mail.smtpUrl,
      'smtps://u:p@mail.example.org:465',
    );
    for (const bad of ['mail.internal:25', 'http://mail.internal', 'mail.internal']) {
      assert.match(
        configError({ SMTP_URL: bad }).message,
        /- SMTP_URL: indirizzo non valido, atteso un indirizzo smtp:\/\/ o smtps:\/\//,
      );
    }
  });

  test('BASE_DOMAIN is a host name with an optional port, without a scheme or a path', () => {
    for (const ok of ['focolare.example.org', 'localhost:3000', 'portale-bandi.regione.it']) {
      assert.equal(loadConfig({ BASE_DOMAIN: ok }).baseDomain, ok);
    }
    for (const bad of [
      'https://focolare.example.org',
      'focolare.example.org/bandi',
      'u@focolare.example.org',
      '',
    ]) {
      assert.match(
        configError({ BASE_DOMAIN: bad }).message,
        /- BASE_DOMAIN: valore non valido, atteso un nome di dominio senza protocollo né percorso/,
      );
    }
  });

  test('without BASE_DOMAIN the e-mailed links follow PORT', () => {
    assert.equal(loadConfig({}).baseDomain, 'localhost:3000');
    assert.equal(loadConfig({ PORT: '8080' }).baseDomain, 'localhost:8080');
    assert.equal(tenantBaseUrl(loadConfig({ PORT: '8080' }), { slug: 'demo' }), 'http://demo.localhost:8080');
    assert.equal(
      loadConfig({ PORT: '8080', BASE_DOMAIN: 'focolare.example.org' }).baseDomain,
      'focolare.example.org',
    );
  });

  test('https without a trusted proxy: refused in production, a warning with the reason elsewhere', () => {
    const msg = configError({ ...PRODUCTION, PUBLIC_PROTOCOL: 'https' }).message;
    assert.match(msg, /- PUBLIC_PROTOCOL: con https serve anche TRUST_PROXY/);
    assert.match(msg, /cookie di sessione/);
    assert.equal(
      loadConfig({ ...PRODUCTION, PUBLIC_PROTOCOL: 'https', TRUST_PROXY: '1' }).publicProtocol,
      'https',
    );
    const dev = loadConfig({ PUBLIC_PROTOCOL: 'https' });
    assert.equal(dev.warnings.length, 1);
    assert.match(dev.warnings[0]!, /PUBLIC_PROTOCOL: con https serve anche TRUST_PROXY/);
    assert.deepEqual(loadConfig({ PUBLIC_PROTOCOL: 'https', TRUST_PROXY: 'true' }).warnings, []);
    assert.deepEqual(loadConfig({}).warnings, []);
  });

  test('TRUST_PROXY: true/false, a hop count or a list of addresses and subnets', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.0.0.0/8,::1,loopback' }).trustProxy, [
      '10.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    for (const bad of ['yes', '10.0.0.300', '10.0.0.0/40', 'proxy.internal', ',']) {
      assert.match(
        configError({ TRUST_PROXY: bad }).message,
        /- TRUST_PROXY: valore non valido, atteso true, false, il numero di proxy/,
      );
    }
    const hops = fastifyTrustProxy(2);
    assert.equal(typeof hops, 'function');
    const trust = hops as (address: string, hop: number) => boolean;
    assert.deepEqual([trust('a', 0), trust('a', 1), trust('a', 2)], [true, true, false]);
    assert.deepEqual(fastifyTrustProxy(['10.0.0.1']), ['10.0.0.1']);
  });

  test('database timeouts: defaults, configurable, the query timeout after the statement timeout', () => {
    assert.deepEqual(loadConfig({}).databaseTimeouts, {
      connectMs: 5_000,
      statementMs: 30_000,
      idleInTransactionMs: 60_000,
      queryMs: 35_000,
    });
    const c = loadConfig({
      DATABASE_CONNECT_TIMEOUT_MS: '2000',
      DATABASE_STATEMENT_TIMEOUT_MS: '10000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '20000',
    });
    assert.deepEqual(c.databaseTimeouts, {
      connectMs: 2_000,
      statementMs: 10_000,
      idleInTransactionMs: 20_000,
      queryMs: 15_000,
    });
    assert.equal(loadConfig({ DATABASE_QUERY_TIMEOUT_MS: '4000' }).databaseTimeouts.queryMs, 4_000);
    assert.match(
      configError({ DATABASE_CONNECT_TIMEOUT_MS: '0' }).message,
      /- DATABASE_CONNECT_TIMEOUT_MS: valore non valido, atteso millisecondi, un numero intero da 100 a 600000/,
    );
  });

  test('every message is Italian and gives the accepted form', () => {
    const msg = configError({
      PORT: 'abc',
      NODE_ENV: 'staging',
      LOG_LEVEL: 'verbose',
      HASH_THREADS: '-1',
      DEMO_SEED: 'si',
      PUBLIC_PROTOCOL: 'ftp',
      MAIL_WORKER_INTERVAL_MS: '1',
    }).message;
    assert.match(msg, /- PORT: valore non valido, atteso un numero intero da 1 a 65535/);
    assert.match(msg, /- NODE_ENV: valore non valido, atteso development, production o test/);
    assert.match(
      msg,
      /- LOG_LEVEL: valore non valido, atteso fatal, error, warn, info, debug, trace o silent/,
    );
    assert.match(msg, /- HASH_THREADS: valore non valido, atteso un numero intero da 0/);
    assert.match(msg, /- DEMO_SEED: valore non valido, atteso true o false/);
    assert.match(msg, /- PUBLIC_PROTOCOL: valore non valido, atteso http o https/);
    assert.match(msg, /- MAIL_WORKER_INTERVAL_MS: valore non valido, atteso millisecondi/);
    assert.doesNotMatch(msg, /Invalid|expected|Too (small|big)/);
  });
});
