/** The approval page's only stylesheet, inlined: the page loads nothing from anywhere. */
export const STYLES = `
:root {
  --aubergine: #4a154b; --green: #007a5a; --green-dark: #148567; --ink: #1d1c1d; --muted: #616061;
  --line: #dddddd; --bg: #f8f8f8; --red: #e01e5a; --radius: 8px;
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: var(--bg);
}
* { box-sizing: border-box; }
body { margin: 0; min-height: 100vh; }
.topbar { display: flex; align-items: center; gap: 10px; padding: 10px 20px; background: var(--aubergine); color: #fff; }
.logo { display: inline-grid; place-items: center; width: 28px; height: 28px; border-radius: 6px; background: #fff; color: var(--aubergine); font-weight: 800; }
.workspace { font-weight: 700; font-size: 15px; }
.badge { margin-left: auto; font-size: 12px; padding: 3px 8px; border-radius: 999px; background: rgba(255,255,255,.16); letter-spacing: .02em; }
main { display: flex; justify-content: center; padding: 56px 16px; }
.card { width: 100%; max-width: 560px; background: #fff; border: 1px solid var(--line); border-radius: var(--radius); padding: 32px; box-shadow: 0 1px 3px rgba(0,0,0,.06); }
.card.center { text-align: center; }
h1 { margin: 0 0 8px; font-size: 24px; }
h2 { margin: 0; font-size: 20px; }
h3 { margin: 20px 0 8px; font-size: 14px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
p { line-height: 1.5; }
.lead { margin: 0 0 20px; color: var(--muted); }
.muted { color: var(--muted); }
.small { font-size: 13px; }
code, pre, .challenge { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
code { background: #f4f4f4; border: 1px solid #e8e8e8; border-radius: 4px; padding: 1px 4px; font-size: 90%; }
label { display: block; font-weight: 700; margin-bottom: 6px; }
.row { display: flex; gap: 8px; }
input[type=text] { flex: 1; min-width: 0; font: 15px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; padding: 10px 12px; border: 1px solid #bbb; border-radius: 6px; }
input[type=text]:focus { outline: none; border-color: #1264a3; box-shadow: 0 0 0 3px rgba(29,155,209,.3); }
.button { font: inherit; font-weight: 700; font-size: 15px; padding: 9px 18px; border-radius: 6px; border: 1px solid #bbb; background: #fff; color: var(--ink); cursor: pointer; }
.button:hover { background: #f6f6f6; }
.button.primary { background: var(--green); border-color: var(--green); color: #fff; }
.button.primary:hover { background: var(--green-dark); }
.button:focus-visible { outline: 3px solid rgba(29,155,209,.5); outline-offset: 1px; }
.alert { margin: 0 0 16px; padding: 12px 14px; border-radius: 6px; border-left: 4px solid var(--red); background: #fdf0f4; line-height: 1.45; }
.notice { margin: 0 0 16px; padding: 12px 14px; border-radius: 6px; border-left: 4px solid #1264a3; background: #eef6fb; }
.overlay { position: fixed; inset: 0; display: grid; place-items: center; padding: 16px; background: rgba(29,28,29,.55); }
.modal { width: 100%; max-width: 520px; max-height: calc(100vh - 32px); overflow: auto; background: #fff; border-radius: 10px; box-shadow: 0 18px 48px rgba(0,0,0,.35); }
.modal-head { display: flex; align-items: center; justify-content: space-between; padding: 20px 24px 12px; }
.close { color: var(--muted); text-decoration: none; font-size: 26px; line-height: 1; }
.modal-body { padding: 0 24px 8px; }
.modal-body > p:first-child { margin-top: 0; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 8px 16px; margin: 16px 0; padding: 14px 16px; background: #f8f8f8; border-radius: 6px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.scopes { margin: 0; padding: 0; list-style: none; }
.scopes li { position: relative; padding: 6px 0 6px 28px; line-height: 1.4; }
.scopes li::before { position: absolute; left: 0; top: 5px; width: 20px; height: 20px; border-radius: 50%; display: grid; place-items: center; font-size: 12px; font-weight: 800; color: #fff; }
.scopes.allow li::before { content: "\\2713"; background: var(--green); }
.scopes.deny li::before { content: "\\2715"; background: #9a9a9a; }
.modal-foot { display: flex; justify-content: flex-end; gap: 8px; padding: 16px 24px; border-top: 1px solid var(--line); }
.check { width: 56px; height: 56px; margin: 0 auto 12px; border-radius: 50%; display: grid; place-items: center; background: var(--green); color: #fff; font-size: 30px; }
.code-row { display: flex; justify-content: center; align-items: center; gap: 12px; margin: 8px 0 24px; }
.challenge { font-size: 34px; font-weight: 700; letter-spacing: .18em; padding: 10px 18px; border: 2px dashed #bbb; border-radius: 8px; background: #fbfbfb; }
.grid { width: 100%; border-collapse: collapse; font-size: 14px; }
.grid th, .grid td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
.grid th { color: var(--muted); font-weight: 600; }
.card.wide { max-width: 760px; }
.command { text-align: left; white-space: pre-wrap; overflow-wrap: anywhere; background: #1d1c1d; color: #f8f8f8; padding: 12px 14px; border-radius: 6px; font-size: 13px; }
`;
