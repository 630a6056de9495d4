/**
 * O3, the network half: a STUN responder on UDP loopback that counts every datagram and answers
 * Binding requests with an XOR-MAPPED-ADDRESS, so a browser that may use non-proxied UDP learns a
 * server-reflexive candidate. Any datagram received while connected is a leak signal.
 */
import dgram from 'node:dgram';

export interface StunOracle {
  port: number;
  datagrams: { from: string; at: number }[];
  since(at: number): { from: string; at: number }[];
  close(): Promise<void>;
}

const MAGIC = 0x2112a442;

export async function startStun(): Promise<StunOracle> {
  const socket = dgram.createSocket('udp4');
  const datagrams: { from: string; at: number }[] = [];
  socket.on('message', (msg, rinfo) => {
    datagrams.push({ from: rinfo.address, at: Date.now() });
    if (msg.length < 20 || msg.readUInt16BE(0) !== 0x0001 || msg.readUInt32BE(4) !== MAGIC) return;
    const transaction = msg.subarray(8, 20);
    const attr = Buffer.alloc(12);
    attr.writeUInt16BE(0x0020, 0); // XOR-MAPPED-ADDRESS
    attr.writeUInt16BE(8, 2);
    attr.writeUInt8(0, 4);
    attr.writeUInt8(0x01, 5); // IPv4
    attr.writeUInt16BE(rinfo.port ^ (MAGIC >>> 16), 6);
    const ip = rinfo.address.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
    attr.writeUInt32BE((ip ^ MAGIC) >>> 0, 8);
    const header = Buffer.alloc(20);
    header.writeUInt16BE(0x0101, 0); // Binding success
    header.writeUInt16BE(attr.length, 2);
    header.writeUInt32BE(MAGIC, 4);
    transaction.copy(header, 8);
    socket.send(Buffer.concat([header, attr]), rinfo.port, rinfo.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    datagrams,
    since: (at) => datagrams.filter((d) => d.at >= at),
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** What a page learns from ICE: the candidate lines, classified. */
export interface IceReport {
  candidates: string[];
  media: boolean;
  error?: string;
}

export interface IceVerdict {
  srflx: string[];
  rawHost: string[];
  mdnsHost: string[];
  relay: string[];
}

export function classifyCandidates(candidates: string[]): IceVerdict {
  const verdict: IceVerdict = { srflx: [], rawHost: [], mdnsHost: [], relay: [] };
  for (const line of candidates) {
    const parts = line.replace(/^candidate:/, '').split(' ');
    const address = parts[4] ?? '';
    const type = parts[parts.indexOf('typ') + 1];
    if (type === 'srflx' || type === 'prflx') verdict.srflx.push(address);
    else if (type === 'relay') verdict.relay.push(address);
    else if (address.endsWith('.local')) verdict.mdnsHost.push(address);
    else verdict.rawHost.push(address);
  }
  return verdict;
}

/**
 * Runs in the page (pass to page.evaluate): gathers ICE candidates for `ms` against the STUN
 * oracle, optionally after getUserMedia (browsers reveal raw host addresses once a page holds
 * camera or microphone permission: ExpressVPN's second mode).
 */
export async function gatherIce(args: { stunPort: number; media: boolean; ms: number }): Promise<IceReport> {
  let stream: MediaStream | null = null;
  let error: string | undefined;
  if (args.media) {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true }).catch((e: unknown) => {
      error = String(e);
      return null;
    });
  }
  const pc = new RTCPeerConnection({ iceServers: [{ urls: `stun:127.0.0.1:${args.stunPort}` }] });
  const candidates: string[] = [];
  pc.onicecandidate = (e) => {
    if (e.candidate?.candidate) candidates.push(e.candidate.candidate);
  };
  pc.createDataChannel('leak');
  if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
  await pc.setLocalDescription(await pc.createOffer());
  await new Promise((r) => setTimeout(r, args.ms));
  pc.close();
  if (stream) for (const track of stream.getTracks()) track.stop();
  return { candidates, media: stream !== null, ...(error ? { error } : {}) };
}

/** A page in a fresh tab, as far as `runIce` needs it (test/support/zone-browser.ts `Tab`). */
export interface IceTab {
  run(fn: typeof gatherIce, arg: Parameters<typeof gatherIce>[0]): Promise<IceReport>;
  close(): Promise<void>;
}

/** What `runIce` found: the report, its verdict, and the STUN datagrams received meanwhile. */
export interface IceRun {
  report: IceReport;
  verdict: IceVerdict;
  datagrams: number;
}

/**
 * One ICE gathering (3 s) in a fresh tab opened on the WebRTC test page `url` (`openTab`: the page
 * API's), then closed: the report, its verdict and the STUN datagrams the oracle received meanwhile.
 */
export async function runIce(
  openTab: (url: string) => Promise<IceTab>,
  url: string,
  stun: StunOracle,
  media: boolean,
): Promise<IceRun> {
  const tab = await openTab(url);
  try {
    const t0 = Date.now();
    const report = await tab.run(gatherIce, { stunPort: stun.port, media, ms: 3_000 });
    return { report, verdict: classifyCandidates(report.candidates), datagrams: stun.since(t0).length };
  } finally {
    await tab.close();
  }
}

/** Every leak signal of a run: STUN datagrams and each candidate that is not a relay. */
export const iceSignals = (run: IceRun): number =>
  run.datagrams + run.verdict.srflx.length + run.verdict.rawHost.length + run.verdict.mdnsHost.length;
