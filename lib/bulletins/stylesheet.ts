import { createHash } from 'node:crypto';

/**
 * The public bulletin pages' own small stylesheet (the full NHS.UK frontend CSS is ~150 KB; these pages are
 * opened on phones from a text message in a storm). NHS.UK colours and type scale, WCAG AA contrast.
 */
export const BULLETIN_CSS = `*,*::before,*::after{box-sizing:border-box}
html{font-family:Frutiger W01,Arial,sans-serif;font-size:100%;line-height:1.5;color:#212b32;background:#f0f4f5;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#005eb8}a:visited{color:#330072}a:hover{color:#7c2855}
a:focus,.b-skip:focus{outline:4px solid transparent;background:#ffeb3b;box-shadow:0 -2px #ffeb3b,0 4px #212b32;color:#212b32;text-decoration:none}
.b-skip{position:absolute;left:-9999px;top:0;padding:8px 16px}.b-skip:focus{left:0;z-index:1}
.b-header{background:#005eb8;color:#fff;padding:12px 0}
.b-header a{color:#fff;font-weight:700;font-size:1.25rem;text-decoration:none}.b-header a:hover{text-decoration:underline}
.b-wrap{max-width:960px;margin:0 auto;padding:0 16px}
main{display:block;padding:24px 0 40px}
.b-tlp{background:#000;color:#fff;padding:8px 16px;margin-bottom:24px}.b-tlp strong{letter-spacing:.02em}
h1{font-size:2rem;line-height:1.25;margin:0 0 16px}h2{font-size:1.5rem;margin:32px 0 12px}h3,.b-h3{font-size:1.1875rem;margin:0 0 4px}
p,ul,ol,dl{margin:0 0 16px}
.b-caption{display:block;color:#4c6272;font-size:1.1875rem;margin-bottom:4px}
.b-meta{color:#4c6272;font-size:1rem}
.b-tag{display:inline-block;border:1px solid;padding:1px 8px;font-size:.875rem;font-weight:700;line-height:1.5}
.b-grey{color:#212b32;background:#dbe0e3;border-color:#768692}.b-yellow{color:#212b32;background:#fff9c4;border-color:#ffb81c}
.b-orange{color:#4d3d07;background:#ffdc8e;border-color:#ed8b00}.b-red{color:#6b140e;background:#f7d4d1;border-color:#d5281b}
.b-blue{color:#002f5c;background:#cce5f9;border-color:#005eb8}.b-green{color:#003d30;background:#cce4dd;border-color:#007f3b}
.b-summary{display:grid;grid-template-columns:max-content 1fr;gap:8px 24px;border-top:1px solid #d8dde0;padding-top:12px}
.b-summary dt{font-weight:700}.b-summary dd{margin:0}
.b-list{list-style:none;padding:0}
.b-item{background:#fff;border-left:4px solid #005eb8;padding:16px;margin-bottom:16px;overflow-wrap:anywhere}
.b-body p:last-child{margin-bottom:0}
.b-inset{border-left:8px solid #005eb8;padding:16px;background:#fff}
.b-nowrap{white-space:nowrap}
.b-footer{border-top:4px solid #005eb8;background:#d8dde0;padding:16px 0;font-size:.875rem}
.b-footer a{color:#212b32}
@media (min-width:641px){h1{font-size:3rem}}
`;

export const BULLETIN_CSS_PATH = `/bulletins/style.css?v=${createHash('sha256').update(BULLETIN_CSS).digest('hex').slice(0, 10)}`;
