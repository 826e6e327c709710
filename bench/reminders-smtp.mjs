// SMTP sink of bench/reminders.ts, in its own process: accepts every message on 127.0.0.1, counts them,
// and reports the count and its own memory (peak RSS sampled every 100 ms) when asked.
import { SMTPServer } from 'smtp-server';

let received = 0;
let bytes = 0;
let peakRss = process.memoryUsage().rss;
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100).unref();

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  maxClients: 100,
  onData(stream, _session, callback) {
    stream.on('data', (c) => {
      bytes += c.length;
    });
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
server.listen(0, '127.0.0.1', () => {
  process.send?.({ type: 'ready', port: server.server.address().port });
});
process.on('message', (m) => {
  if (m?.type === 'stats') {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    process.send?.({ type: 'stats', received, bytes, rss: process.memoryUsage().rss, peakRss });
  } else if (m?.type === 'reset') {
    received = 0;
    bytes = 0;
    process.send?.({ type: 'reset' });
  } else if (m?.type === 'stop') {
    server.close(() => process.exit(0));
  }
});
process.on('disconnect', () => process.exit(0));
