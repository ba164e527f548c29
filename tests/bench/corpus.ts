/**
 * Deterministic, realistic-looking security chatter for benchmarks: vendors, CVE ids, malware families,
 * NHS systems and the verbs people use about them. The same seed gives the same text, so runs compare.
 */

export type Rng = () => number;

/** mulberry32: small, fast, good enough for picking words. */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
/** Skewed pick: early entries are much more common, like real vocabularies. */
export const pickSkewed = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * r() * xs.length)];

export const products = [
  'Citrix NetScaler ADC', 'Fortinet FortiGate', 'Ivanti Connect Secure', 'Microsoft Exchange', 'VMware ESXi',
  'Palo Alto PAN-OS', 'MOVEit Transfer', 'Cisco ASA', 'SonicWall SMA', 'Atlassian Confluence', 'Apache Log4j',
  'Windows Print Spooler', 'Veeam Backup and Replication', 'ConnectWise ScreenConnect', 'F5 BIG-IP', 'Zimbra',
  'Microsoft SharePoint', 'Barracuda ESG', 'Check Point Quantum', 'Jenkins', 'GitLab', 'OpenSSH', 'Juniper SRX',
  'FortiManager', 'Cisco IOS XE', 'Microsoft Outlook', 'Google Chrome', 'Oracle WebLogic', 'Progress WS_FTP',
  'Sophos Firewall', 'WatchGuard Firebox', 'Kaseya VSA', 'SolarWinds Serv-U', 'Microsoft Teams',
] as const;

export const cves = [
  'CVE-2023-4966', 'CVE-2024-3400', 'CVE-2023-34362', 'CVE-2021-44228', 'CVE-2024-21762', 'CVE-2023-46805',
  'CVE-2024-21887', 'CVE-2024-1709', 'CVE-2023-20198', 'CVE-2021-34527', 'CVE-2024-6387', 'CVE-2023-3519',
  'CVE-2022-41040', 'CVE-2024-4577', 'CVE-2023-27997', 'CVE-2024-55591', 'CVE-2025-0282', 'CVE-2023-22515',
  'CVE-2024-47575', 'CVE-2023-36884', 'CVE-2023-23397', 'CVE-2022-40684', 'CVE-2024-21413', 'CVE-2023-24932',
] as const;

export const threats = [
  'LockBit', 'BlackCat', 'Qilin', 'Rhysida', 'Akira', 'Cl0p', 'Black Basta', 'Conti', 'Emotet', 'QakBot',
  'IcedID', 'Cobalt Strike', 'Sliver', 'Brute Ratel', 'AsyncRAT', 'Agent Tesla', 'Lumma Stealer', 'RedLine',
  'SocGholish', 'Play', 'Medusa', 'INC Ransom', 'BlackSuit', 'Scattered Spider', 'Volt Typhoon', 'APT29',
  'Lazarus', 'Pikabot', 'DarkGate', 'Hive', 'Royal', 'Vice Society', 'NoEscape', 'Mimikatz',
] as const;

export const systems = [
  'EMIS Web', 'SystmOne', 'Cerner Millennium', 'Epic', 'Lorenzo', 'PACS', 'RIS', 'LIMS', 'NHSmail', 'HSCN',
  'the Spine', 'Summary Care Record', 'e-Referral Service', 'GP Connect', 'Adastra', 'NHS 111 booking',
  'Careflow', 'Medway', 'RiO', 'the pathology network', 'the radiology archive', 'the theatre system',
  'the pharmacy stock system', 'the bed management board', 'the staff rostering service', 'the VPN concentrator',
  'the domain controllers', 'Active Directory', 'Entra ID', 'Microsoft Defender for Endpoint', 'the SIEM',
  'the backup appliance', 'the patient portal', 'the switchboard', 'Citrix Workspace', 'the print servers',
] as const;

const teams = [
  'our SOC', 'the CSOC', 'the on-call engineer', 'the infrastructure team', 'our MSP', 'the ICB cyber lead',
  'the digital team', 'the IG team', 'the service desk', 'our network team', 'the CSU', 'the vendor',
  'the clinical safety officer', 'the CISO', 'our pen testers', 'the regional security lead',
] as const;

const verbs = [
  'patched', 'mitigated', 'detected', 'blocked', 'escalated', 'isolated', 'rolled back', 're-imaged',
  'hunted for', 'triaged', 'reported', 'quarantined', 'contained', 'investigated', 'scanned', 'audited',
  'upgraded', 'segmented', 'disabled', 'rotated credentials on', 'restored', 'decommissioned', 'monitored',
] as const;

const adjectives = [
  'unpatched', 'internet-facing', 'legacy', 'critical', 'vulnerable', 'exposed', 'compromised', 'suspicious',
  'out-of-support', 'misconfigured', 'shared', 'privileged', 'dormant', 'third-party', 'remote',
] as const;

const nouns = [
  'ransomware', 'phishing', 'credential stuffing', 'web shell', 'lateral movement', 'data exfiltration',
  'MFA fatigue', 'password spraying', 'beaconing', 'privilege escalation', 'supply chain compromise',
  'business email compromise', 'DDoS', 'remote code execution', 'SQL injection', 'session hijacking',
  'infostealer', 'backdoor', 'persistence', 'malvertising', 'drive-by download', 'token theft',
] as const;

const artefacts = [
  'the firewall logs', 'the EDR telemetry', 'the proxy logs', 'the mail gateway quarantine', 'the DNS logs', 'NetFlow',
  'the Windows event logs', 'the sign-in logs', 'the IOC list', 'the YARA rules', 'the Sigma rules', 'the hash list',
  'the vendor advisory', 'the Cyber Alert', 'the DSPT evidence', 'the incident timeline', 'the asset register',
] as const;

const times = [
  'overnight', 'this morning', 'yesterday afternoon', 'over the weekend', 'during the maintenance window',
  'last week', 'since Tuesday', 'within four hours', 'before the bank holiday', 'at 02:00', 'this week',
] as const;

const closers = [
  'Happy to share the runbook if useful.', 'Has anyone else seen this?', 'Any tips welcome.',
  'Thanks all for the quick responses.', 'Will update once we hear back from the vendor.',
  'Worth checking your own estate.', 'Shout if you want the detail offline.', 'No patient impact so far.',
  'Clinical systems were unaffected.', 'We have raised it with NHS England.', 'Lessons learned to follow.',
] as const;

function ip(r: Rng) {
  return `${pick(r, ['192.0.2', '198.51.100', '203.0.113'])}.${1 + Math.floor(r() * 254)}`;
}

function hash(r: Rng) {
  let s = '';
  for (let i = 0; i < 16; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

function rareCve(r: Rng) {
  return `CVE-20${19 + Math.floor(r() * 7)}-${1000 + Math.floor(r() * 49000)}`;
}

const sentenceMakers: ((r: Rng) => string)[] = [
  (r) => `We ${pick(r, verbs)} ${pickSkewed(r, cves)} on our ${pick(r, adjectives)} ${pickSkewed(r, products)} ${pick(r, times)}.`,
  (r) => `${cap(pick(r, teams))} ${pick(r, verbs)} ${pick(r, nouns)} activity linked to ${pickSkewed(r, threats)} against ${pickSkewed(r, systems)}.`,
  (r) => `Seeing ${pick(r, nouns)} attempts from ${ip(r)} in ${pick(r, artefacts)}; blocked at the perimeter.`,
  (r) => `Is anyone running ${pickSkewed(r, products)} in front of ${pickSkewed(r, systems)}? We need to plan downtime for the fix.`,
  (r) => `${pickSkewed(r, threats)} affiliates are exploiting ${pickSkewed(r, cves)} for initial access, then using ${pick(r, threats)} for ${pick(r, nouns)}.`,
  (r) => `Our ${pickSkewed(r, systems)} team ${pick(r, verbs)} the ${pick(r, adjectives)} accounts ${pick(r, times)} after an alert from ${pick(r, teams)}.`,
  (r) => `Hash ${hash(r)} matched in ${pick(r, artefacts)}; it is a ${pickSkewed(r, threats)} loader.`,
  (r) => `The vendor says ${rareCve(r)} in ${pick(r, products)} is not exploitable in the default configuration, but we ${pick(r, verbs)} it anyway.`,
  (r) => `Downtime procedures for ${pickSkewed(r, systems)} worked well; paper records were back on the ward within the hour.`,
  (r) => `We rehearsed a ${pickSkewed(r, threats)} style ${pick(r, nouns)} scenario with the board and ${pick(r, teams)}.`,
  (r) => `Look in ${pick(r, artefacts)} for connections to ${ip(r)} on port ${pick(r, ['443', '8443', '22', '3389', '445', '4444'])}.`,
  (r) => `MFA is now enforced on ${pickSkewed(r, systems)}, which stopped the ${pick(r, nouns)} we saw ${pick(r, times)}.`,
  (r) => `${cap(pick(r, teams))} confirmed the ${pick(r, adjectives)} ${pickSkewed(r, products)} was the way in.`,
];

function cap(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One post: 1–3 paragraphs of 1–3 sentences, sometimes a closing remark. Returns paragraphs. */
export function postParagraphs(r: Rng): string[] {
  const paragraphs: string[] = [];
  const count = 1 + Math.floor(r() * r() * 3);
  for (let p = 0; p < count; p++) {
    const sentences: string[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let s = 0; s < n; s++) sentences.push(pick(r, sentenceMakers)(r));
    paragraphs.push(sentences.join(' '));
  }
  if (r() < 0.4) paragraphs[paragraphs.length - 1] += ` ${pick(r, closers)}`;
  return paragraphs;
}

const titleMakers: ((r: Rng) => string)[] = [
  (r) => `${pickSkewed(r, cves)} in ${pickSkewed(r, products)}: patching status across trusts`,
  (r) => `${pickSkewed(r, threats)} indicators seen against ${pickSkewed(r, systems)}`,
  (r) => `Anyone else seeing ${pick(r, nouns)} on ${pickSkewed(r, systems)}?`,
  (r) => `${pickSkewed(r, products)} upgrade: lessons learned`,
  (r) => `Hardening ${pickSkewed(r, systems)} after the ${pickSkewed(r, threats)} advisory`,
  (r) => `Tabletop exercise: ${pick(r, nouns)} affecting ${pickSkewed(r, systems)}`,
  (r) => `${cap(pick(r, adjectives))} ${pickSkewed(r, products)} instances still exposed`,
  (r) => `Detection rules for ${pickSkewed(r, threats)} ${pick(r, nouns)}`,
];

export function threadTitle(r: Rng): string {
  return pick(r, titleMakers)(r);
}

export function escapeHtml(s: string) {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Search terms people would type, from common to rare, one and two words. Frequencies over the seeded
 * corpus are printed by the benchmark so "common" and "rare" are facts, not guesses.
 */
export const searchQueries = [
  'ransomware',
  'phishing',
  'patched',
  'firewall logs',
  'LockBit',
  'EMIS Web',
  'SystmOne',
  'CVE-2023-4966',
  'Citrix NetScaler',
  'cobalt strike',
  'MFA enforced',
  'lateral movement',
  'Volt Typhoon',
  'Fortinet FortiGate',
  'downtime procedures',
  'NHSmail',
  'password spraying',
  'Kaseya',
  'Mimikatz',
  'CVE-2023-24932',
  'kerberoasting',
] as const;
