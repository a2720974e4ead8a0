// The faults page: the fault rules (GET/POST/DELETE /_mock/faults), the rate-limit switch
// (GET/PUT /_mock/rate-limits) and a reset (POST /_mock/reset) that asks first.
"use strict";

(() => {
  const { api, el, notice, header } = Console;
  const $ = (id) => document.getElementById(id);

  function say(id, text, isError) {
    $(id).textContent = text;
    $(id).className = "message" + (isError ? " error" : "");
  }

  async function guarded(f, retry) {
    try {
      await f();
      notice(null);
    } catch (err) {
      notice(err, retry);
      throw err;
    }
  }

  async function loadFaults() {
    const { faults } = await api("faults");
    const box = $("faults");
    if (!faults.length) {
      box.replaceChildren(el("p", { class: "muted", id: "no-faults" }, "No fault rule: every request gets the mock's own answer."));
      return;
    }
    box.replaceChildren(el("table", { id: "fault-table" },
      el("thead", {}, el("tr", {}, ["id", "method", "path", "operation", "status", "latency ms", "count", "fraction", "error", "hits / matched", ""].map((h) => el("th", {}, h)))),
      el("tbody", {}, faults.map((f) => el("tr", { dataset: { id: f.id } },
        el("td", { class: "mono nowrap" }, f.id), el("td", {}, f.method || "any"), el("td", { class: "mono" }, f.path || "any"),
        el("td", {}, f.operation_id || "any"), el("td", {}, f.status || ""), el("td", {}, f.latency_ms || ""),
        el("td", {}, f.count || "no limit"), el("td", {}, f.fraction || "all"),
        el("td", {}, [f.error, f.error_description].filter(Boolean).join(": ")),
        el("td", {}, `${f.hits} / ${f.matched}`),
        el("td", {}, el("button", { type: "button", class: "remove", onclick: () => remove(f.id) }, "Remove")))))));
  }

  async function remove(id) {
    await guarded(async () => {
      await api("faults/" + encodeURIComponent(id), { method: "DELETE" });
      say("add-message", `Rule ${id} removed.`);
      await loadFaults();
    }, loadAll).catch((err) => say("add-message", err.message, true));
  }

  async function add(ev) {
    ev.preventDefault();
    const body = {};
    for (const [k, v] of new FormData(ev.target)) {
      if (v === "") continue;
      body[k] = ["status", "latency_ms", "count"].includes(k) ? parseInt(v, 10) : k === "fraction" ? parseFloat(v) : v;
    }
    try {
      const f = await api("faults", { method: "POST", body });
      say("add-message", `Rule ${f.id} added.`);
      ev.target.reset();
      await loadFaults();
    } catch (err) {
      if (err instanceof Console.NeedsToken) return notice(err, loadAll);
      say("add-message", "Not added: " + err.message, true);
    }
  }

  async function loadRateLimits() {
    const rl = await api("rate-limits");
    $("rate-limits").checked = rl.enabled;
    $("rate-limits-state").textContent = rl.enabled ? "On: a call past its operation's limit answers 429 reach_limit." : "Off: no call is refused for its rate.";
    const ops = Object.keys(rl.operations || {}).sort();
    $("ops").replaceChildren(...ops.map((o) => el("option", { value: o })));
  }

  async function loadAll() {
    await guarded(async () => { await loadFaults(); await loadRateLimits(); }, loadAll).catch(() => {});
  }

  header("faults");
  $("add-fault").addEventListener("submit", add);
  $("remove-all").addEventListener("click", () => guarded(async () => {
    await api("faults", { method: "DELETE" });
    say("add-message", "Every rule removed.");
    await loadFaults();
  }, loadAll).catch((err) => say("add-message", err.message, true)));
  $("rate-limits").addEventListener("change", (ev) => guarded(async () => {
    await api("rate-limits", { method: "PUT", body: { enabled: ev.target.checked } });
    await loadRateLimits();
  }, loadAll).catch(() => loadRateLimits().catch(() => {})));
  $("reset").addEventListener("click", () => $("confirm-reset").showModal());
  $("confirm-reset").addEventListener("close", () => {
    if ($("confirm-reset").returnValue !== "reset") return;
    guarded(async () => {
      await api("reset", { method: "POST" });
      say("reset-message", "The mock was reset.");
      await loadFaults();
      await loadRateLimits();
    }, loadAll).catch((err) => say("reset-message", err.message, true));
  });
  loadAll();
})();
