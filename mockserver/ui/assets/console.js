// Shared by the console's pages: the admin token, calls to the control API, and small DOM
// helpers. Everything a client sent is put on the page as text (never as HTML).
"use strict";

const Console = (() => {
  const TOKEN_KEY = "emcontract-mock-admin-token";

  // The admin token the person typed, kept for this tab only (sessionStorage): asked once,
  // sent as the header on every control call, never written into a URL.
  const token = () => sessionStorage.getItem(TOKEN_KEY) || "";

  class NeedsToken extends Error {}

  // api calls the control API and returns its JSON (null for 204). A 401 asks for the admin
  // token; any other failure throws with the mock's error_description.
  async function api(path, init = {}) {
    const headers = new Headers(init.headers || {});
    if (token()) headers.set("Authorization", "Bearer " + token());
    if (init.body !== undefined && typeof init.body !== "string") {
      init = { ...init, body: JSON.stringify(init.body) };
      headers.set("Content-Type", "application/json");
    }
    let resp;
    try {
      resp = await fetch("/_mock/" + path, { ...init, headers, cache: "no-store" });
    } catch (e) {
      throw new Error("the mock does not answer (" + e.message + "): is `emcontract mock` still running?");
    }
    if (resp.status === 401) {
      throw new NeedsToken(token() ? "the admin token you gave is not the mock's --admin-token" : "");
    }
    if (resp.status === 204) return null;
    const text = await resp.text();
    let body;
    try { body = JSON.parse(text); } catch { body = null; }
    if (!resp.ok) {
      const why = body && body.error_description ? body.error_description : text;
      throw new Error(resp.status + " " + (body && body.error ? body.error + ": " : "") + why);
    }
    return body;
  }

  // el builds an element: el("td", {class: "num"}, "12", child, ...). Strings are text nodes.
  function el(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  // notice shows why the page cannot load in #notice, with the token form when that is why.
  function notice(err, retry) {
    const box = document.getElementById("notice");
    box.replaceChildren();
    if (!err) { box.hidden = true; return; }
    box.hidden = false;
    if (err instanceof NeedsToken) {
      box.className = "notice";
      const input = el("input", { type: "password", id: "admin-token", autocomplete: "off", size: 32 });
      box.append(...[
        el("strong", {}, "This mock needs its admin token."),
        el("div", {}, "It was started with --admin-token, so every /_mock/ call (journal, state, faults) must send ",
          el("code", {}, "Authorization: Bearer <admin token>"), ". Give it once; this tab keeps it until it is closed."),
        err.message ? el("div", { class: "message error" }, err.message) : null,
        el("form", {
          id: "token-form",
          onsubmit: (ev) => {
            ev.preventDefault();
            sessionStorage.setItem(TOKEN_KEY, input.value.trim());
            notice(null);
            retry();
          },
        }, el("label", {}, "admin token", input), el("button", { class: "primary", type: "submit" }, "Use it"))].filter(Boolean));
      input.focus();
      return;
    }
    box.className = "notice error";
    box.append(el("strong", {}, "The page cannot load: "), err.message);
  }

  // header marks the current page in the navigation.
  function header(current) {
    for (const a of document.querySelectorAll("header nav a")) {
      if (a.dataset.page === current) a.setAttribute("aria-current", "page");
    }
  }

  const pad = (n, w = 2) => String(n).padStart(w, "0");
  // time shows a moment in the browser's time zone, to the millisecond.
  function clock(t) {
    const d = new Date(t);
    return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
  }
  function datetime(ms) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }

  // pretty indents a JSON body; anything else is shown as it is.
  function pretty(body) {
    if (!body) return "";
    try { return JSON.stringify(JSON.parse(body), null, 2); } catch { return body; }
  }

  return { api, el, notice, header, clock, datetime, pretty, NeedsToken };
})();
