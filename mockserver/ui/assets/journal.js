// The journal page: polls GET /_mock/journal?after=SEQ every second for what is new (the mock
// copies only those entries), keeps the latest KEEP in the page, filters them, and shows one
// request's bodies and contract violations.
"use strict";

(() => {
  const { api, el, notice, header, clock, pretty, NeedsToken } = Console;
  // At most PER_POLL entries a poll, whatever the load: the mock copies and encodes no more
  // than that a second for the page, and a person reads no faster.
  const POLL_MS = 1000, KEEP = 2000, PER_POLL = 200, ROWS = 500;
  let entries = [];      // oldest first
  let after = 0;         // the newest seq seen
  let selected = null;   // the seq shown in the detail
  let timer = null;
  let missed = 0;        // entries that came and went between two polls
  let started = "";      // when the polled mock's journal began (another: a restarted mock)

  const ops = new Set();
  const $ = (id) => document.getElementById(id);

  // broke: the request or the mock's answer broke the contract. An injected fault's answer is
  // not the mock's (as GET /_mock/journal?violations=true counts it).
  const responseViolations = (e) => (e.fault ? [] : e.response_violations || []);
  const broke = (e) => (e.request_violations || []).length + responseViolations(e).length > 0;

  function matches(e) {
    const op = $("f-op").value.trim().toLowerCase();
    const st = $("f-status").value.trim().toLowerCase();
    const path = $("f-path").value.trim();
    if (op && !(e.operation_id || "").toLowerCase().includes(op)) return false;
    if (st) {
      const s = String(e.status);
      if (/^[1-5]xx$/.test(st) ? s[0] !== st[0] : !s.startsWith(st)) return false;
    }
    if (path && !(e.path + (e.query ? "?" + e.query : "")).includes(path)) return false;
    if ($("f-broke").checked && !broke(e)) return false;
    return true;
  }

  // shortPath leaves out /{org}/{app} when the request names an app (the detail shows it).
  function shortPath(e) {
    const prefix = e.org ? `/${e.org}/${e.app}` : "";
    return prefix && e.path.startsWith(prefix + "/") ? e.path.slice(prefix.length) : e.path;
  }

  function row(e) {
    const nViol = (e.request_violations || []).length + (e.more_request_violations || 0) +
      responseViolations(e).length + (e.fault ? 0 : e.more_response_violations || 0);
    const tr = el("tr", {
      class: "entry" + (broke(e) ? " broke" : "") + (e.seq === selected ? " selected" : ""),
      dataset: { seq: e.seq },
      onclick: () => show(e.seq),
    },
      el("td", { class: "mono" }, clock(e.time)),
      el("td", {}, e.method),
      el("td", { class: "mono path", title: e.path }, shortPath(e) + (e.query ? "?" + e.query : "")),
      el("td", {}, e.operation_id || el("span", { class: "muted" }, "none")),
      el("td", { class: "num status-" + String(e.status)[0], title: e.error || null }, e.status),
      el("td", { class: "num" }, e.duration_ms.toFixed(1)),
      el("td", {}, e.fault ? el("span", { class: "badge warn" }, e.fault) : ""),
      el("td", {}, nViol ? el("span", { class: "badge bad", title: "violations of the contract" }, "✗ " + nViol) : ""));
    return tr;
  }

  // render rebuilds the table (a filter changed); added puts only new entries on top. Newest
  // first, at most ROWS rows: under load the page adds a few hundred rows a second, not
  // thousands, so the browser does not take the CPU the mock is measured with.
  let matching = 0;
  function render() {
    const shown = entries.filter(matches);
    matching = shown.length;
    $("journal").tBodies[0].replaceChildren(...shown.slice(-ROWS).reverse().map(row));
    counts();
  }
  function added(fresh) {
    const shown = fresh.filter(matches);
    matching += shown.length;
    const body = $("journal").tBodies[0];
    body.prepend(...shown.slice(-ROWS).reverse().map(row));
    while (body.rows.length > ROWS) body.lastElementChild.remove();
    counts();
  }
  function counts() {
    const rows = $("journal").tBodies[0].rows.length;
    $("shown").textContent = `${matching} of ${entries.length} requests` + (rows < matching ? ` (the newest ${rows} listed)` : "");
    $("empty").hidden = entries.length > 0;
  }

  function violationsTable(title, list, more) {
    if (!list.length) return null;
    return el("div", {},
      el("h3", {}, title),
      el("table", { class: "violations" },
        el("thead", {}, el("tr", {}, el("th", {}, "in"), el("th", {}, "field"), el("th", {}, "rule"), el("th", {}, "message"))),
        el("tbody", {}, list.map((v) => el("tr", { class: "violation" },
          el("td", {}, v.in), el("td", { class: "mono" }, v.field || ""), el("td", { class: "mono" }, v.rule || ""), el("td", {}, v.message))))),
      more ? el("p", { class: "muted" }, `and ${more} more`) : null);
  }

  function show(seq) {
    selected = seq;
    const e = entries.find((x) => x.seq === seq);
    for (const tr of document.querySelectorAll("tr.entry")) tr.classList.toggle("selected", Number(tr.dataset.seq) === seq);
    if (!e) return;
    history.replaceState(null, "", "#" + seq);
    const d = $("detail");
    const faultNote = e.fault && (e.response_violations || []).length
      ? el("p", { class: "muted" }, `Fault ${e.fault} chose this answer; its ${e.response_violations.length} departure(s) from the contract are the fault's, not the mock's.`)
      : null;
    d.replaceChildren(...[
      el("h2", { id: "detail-title" }, `${e.method} ${e.path}`),
      el("dl", { class: "fields" },
        el("dt", {}, "time"), el("dd", {}, new Date(e.time).toISOString()),
        el("dt", {}, "operation"), el("dd", {}, e.operation_id || "none (no operation of the contract matches)"),
        e.org ? [el("dt", {}, "app"), el("dd", {}, `${e.org}/${e.app}`)] : null,
        e.query ? [el("dt", {}, "query"), el("dd", { class: "mono" }, e.query)] : null,
        el("dt", {}, "status"), el("dd", { class: "status-" + String(e.status)[0] }, `${e.status}${e.error ? " " + e.error : ""}`),
        el("dt", {}, "duration"), el("dd", {}, `${e.duration_ms} ms`),
        e.fault ? [el("dt", {}, "fault"), el("dd", {}, e.fault)] : null),
      broke(e) ? null : el("p", { class: "muted" }, "This request and its answer keep to the contract."),
      violationsTable("The request broke the contract", e.request_violations || [], e.more_request_violations),
      violationsTable("The answer broke the contract", responseViolations(e), e.fault ? 0 : e.more_response_violations),
      faultNote,
      el("h3", {}, "Request body"),
      e.request_body ? el("pre", { id: "request-body" }, pretty(e.request_body)) : el("p", { class: "muted" }, "none"),
      el("h3", {}, "Answer body"),
      e.response_body ? el("pre", { id: "response-body" }, pretty(e.response_body)) : el("p", { class: "muted" }, "none"),
    ].filter(Boolean));
  }

  async function poll() {
    clearTimeout(timer);
    try {
      const page = await api(`journal?after=${after}&limit=${PER_POLL}`);
      if ((started && page.started !== started) || page.last_seq < after) {
        // The mock restarted: its numbers start again, so does the page.
        started = page.started;
        entries = []; after = 0; selected = null; missed = 0; matching = 0;
        $("journal").tBodies[0].replaceChildren();
        return poll();
      }
      started = page.started;
      if (page.requests.length) {
        if (after) missed += page.requests[0].seq - after - 1;
        entries.push(...page.requests);
        if (entries.length > KEEP) {
          // The oldest go; the count of those matching is recounted with them gone.
          entries = entries.slice(entries.length - KEEP);
          matching = entries.filter(matches).length - page.requests.filter(matches).length;
        }
        after = page.requests[page.requests.length - 1].seq;
        for (const e of page.requests) {
          if (e.operation_id && !ops.has(e.operation_id)) {
            ops.add(e.operation_id);
            $("ops").append(el("option", { value: e.operation_id }));
          }
        }
        added(page.requests);
      } else if (!entries.length) {
        render();
      }
      if (selected === null && location.hash.length > 1) show(Number(location.hash.slice(1)));
      notice(null);
      $("live").textContent = `live · polled ${clock(Date.now())}` +
        (missed ? ` · ${missed} requests not shown (over ${PER_POLL} a second)` : "");
    } catch (err) {
      $("live").textContent = "not connected";
      notice(err, poll);
      if (err instanceof NeedsToken) return; // wait for the token
    }
    if (!$("pause").checked) timer = setTimeout(poll, POLL_MS);
  }

  header("journal");
  for (const id of ["f-op", "f-status", "f-path", "f-broke"]) $(id).addEventListener("input", render);
  $("pause").addEventListener("change", () => { if (!$("pause").checked) poll(); else clearTimeout(timer); });
  poll();
})();
