/** The site's only stylesheet, served from /site/style.css (the CSP allows no inline style). */
export const SITE_CSS = `:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { max-width: 32rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; }
header a { font-weight: 700; text-decoration: none; }
label { display: block; margin-top: 0.75rem; }
input { display: block; width: 100%; padding: 0.4rem; box-sizing: border-box; font: inherit; }
button { margin-top: 1rem; padding: 0.5rem 1rem; font: inherit; }
.hint { font-size: 0.9rem; }
.box { border: 1px solid currentColor; padding: 0 1rem; margin: 1rem 0; }
.danger { color: #fff; background: #b00020; border: 0; }
footer { margin-top: 3rem; font-size: 0.9rem; }
code { overflow-wrap: anywhere; }
a, a:visited { color: #1a5fd0; }
@media (prefers-color-scheme: dark) {
  body { background: #15171b; color: #eceef2; }
  a, a:visited { color: #8ab4ff; }
}
[role='alert'] { border-left: 4px solid #b00020; padding-left: 0.5rem; }
`;
