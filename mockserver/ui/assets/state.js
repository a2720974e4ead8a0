// The state page: GET /_mock/state (the whole state, as the --state file holds it) read once
// per visit and on Refresh, never polled: the mock holds every app's lock while it copies the
// state. Each app, group, chatroom and user has its own URL under /_mock/ui/state/.
"use strict";

(() => {
  const { api, el, notice, header, datetime, NeedsToken } = Console;
  const ROOT = "/_mock/ui/state";
  const PERMANENT_MUTE = 4638873600000; // a mute_duration of -1 (store.PermanentMuteExpire)
  let state = null;
  let loadedAt = 0;
  const $ = (id) => document.getElementById(id);

  const enc = encodeURIComponent;
  // view replaces what the page shows; lists of nodes may nest.
  const view = (...nodes) => $("view").replaceChildren(...nodes.flat(Infinity).filter(Boolean));
  const appURL = (a) => `${ROOT}/${enc(a.key.org)}/${enc(a.key.app)}`;
  // link navigates inside the page (history), so each view keeps its own URL.
  const link = (href, ...text) => el("a", { href, onclick: (ev) => { if (ev.button || ev.metaKey || ev.ctrlKey) return; ev.preventDefault(); go(href); } }, ...text);

  // Sets in the state are {name: seq}: oldest first, as the API lists them.
  const ordered = (m) => Object.entries(m || {}).sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  const names = (list, id) => list.length
    ? el("ul", { class: "names", id }, list.map((n) => el("li", {}, n)))
    : el("p", { class: "muted", id }, "none");

  function expiry(ms) {
    if (ms >= PERMANENT_MUTE) return "permanent";
    const left = ms - loadedAt;
    const when = datetime(ms);
    if (left <= 0) return `${when} (expired)`;
    const s = Math.round(left / 1000);
    return `${when} (in ${s < 120 ? s + " s" : s < 7200 ? Math.round(s / 60) + " min" : Math.round(s / 3600) + " h"})`;
  }

  function table(id, head, rows, empty) {
    if (!rows.length) return el("p", { class: "muted", id }, empty);
    return el("table", { id },
      el("thead", {}, el("tr", {}, head.map((h) => el("th", {}, h)))),
      el("tbody", {}, rows.map((r) => el("tr", {}, r.map((c) => el("td", {}, c))))));
  }

  function fields(pairs) {
    return el("dl", { class: "fields" }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== "")
      .map(([k, v]) => [el("dt", {}, k), el("dd", {}, typeof v === "boolean" ? (v ? "yes" : "no") : v)]));
  }

  function crumbs(...parts) {
    $("crumbs").replaceChildren(...parts.flatMap((p, i) => (i ? [" / ", p] : [p])));
  }

  function overview() {
    crumbs("State");
    document.title = "State · emcontract mock";
    view(
      el("h1", {}, "Apps"),
      el("div", { class: "cards", id: "apps" }, state.apps.map((a) => el("div", { class: "card" },
        el("h2", {}, link(appURL(a), `${a.key.org}/${a.key.app}`)),
        fields([["users", Object.keys(a.users || {}).length], ["groups", Object.keys(a.groups || {}).length],
          ["chatrooms", Object.keys(a.chatrooms || {}).length], ["super admins", Object.keys(a.super_admins || {}).length]])))));
  }

  function appView(a) {
    const base = appURL(a);
    crumbs(link(ROOT, "State"), `${a.key.org}/${a.key.app}`);
    document.title = `${a.key.org}/${a.key.app} · State · emcontract mock`;
    const groups = Object.values(a.groups || {}).sort((x, y) => x.seq - y.seq);
    const rooms = Object.values(a.chatrooms || {}).sort((x, y) => x.seq - y.seq);
    const users = Object.entries(a.users || {}).sort((x, y) => x[1].seq - y[1].seq);
    const switches = [];
    if (a.threads_off) switches.push("threads off");
    if (a.member_attrs_off) switches.push("member attributes off");
    if (a.user_cap) switches.push(`user cap ${a.user_cap}`);
    view(
      el("h1", {}, `App ${a.key.org}/${a.key.app}`),
      fields([["uuid", a.uuid], ["client_id", a.client_id], ["switches", switches.join(", ")]]),
      el("h2", {}, `Users (${users.length})`),
      table("users", ["username", "nickname", "created"], users.map(([key, u]) => [link(`${base}/users/${enc(key)}`, u.username), u.nickname || "", datetime(u.created)]), "No user."),
      el("h2", {}, `Groups (${groups.length})`),
      table("groups", ["id", "name", "owner", "members with the owner", "admins", "mutes", "blocks"], groups.map((g) => [
        link(`${base}/groups/${enc(g.id)}`, g.id), g.name, g.owner, Object.keys(g.members || {}).length + 1,
        Object.keys(g.admins || {}).length, Object.keys(g.mutes || {}).length, Object.keys(g.blocks || {}).length]), "No group."),
      el("h2", {}, `Chatrooms (${rooms.length})`),
      table("chatrooms", ["id", "name", "owner", "members with the owner", "admins", "mutes", "blocks"], rooms.map((r) => [
        link(`${base}/chatrooms/${enc(r.id)}`, r.id), r.name, r.owner, Object.keys(r.members || {}).length + 1,
        Object.keys(r.admins || {}).length, Object.keys(r.mutes || {}).length, Object.keys(r.blocks || {}).length]), "No chatroom."),
      el("h2", {}, "Super admins"),
      names(ordered(a.super_admins), "super-admins"));
  }

  // membership is shared by groups and chatrooms: owner, members, admins, mutes, blocks, allow.
  function membership(x) {
    const members = ordered(x.members);
    const admins = new Set(Object.keys(x.admins || {}));
    const mutes = x.mutes || {};
    const allow = new Set(Object.keys(x.allow || {}));
    const roleOf = (u) => [admins.has(u) ? "admin" : "member", mutes[u] !== undefined ? "muted" : "", allow.has(u) ? "allow list" : ""].filter(Boolean).join(", ");
    return [
      el("h2", {}, `Members (${members.length + 1} with the owner)`),
      table("members", ["username", "role"], [[x.owner, "owner"], ...members.map((u) => [u, roleOf(u)])], ""),
      el("h2", {}, "Admins"), names(ordered(x.admins), "admins"),
      el("h2", {}, "Mutes"),
      table("mutes", ["username", "until"], Object.entries(mutes).sort((p, q) => p[1] - q[1]).map(([u, exp]) => [u, expiry(exp)]), "No one is muted."),
      el("h2", {}, "Blocks"), names(ordered(x.blocks), "blocks"),
      el("h2", {}, "Allow list"), names(ordered(x.allow), "allow"),
    ];
  }

  function groupView(a, g) {
    crumbs(link(ROOT, "State"), link(appURL(a), `${a.key.org}/${a.key.app}`), `group ${g.id}`);
    document.title = `Group ${g.id} · State · emcontract mock`;
    const attrs = Object.entries(g.member_attributes || {}).flatMap(([u, kv]) => Object.entries(kv).map(([k, v]) => [u, k, v]));
    const threads = Object.values(g.threads || {}).sort((x, y) => x.seq - y.seq);
    const files = Object.values(g.files || {}).sort((x, y) => x.seq - y.seq);
    view(
      el("h1", { id: "title" }, `Group ${g.name} (${g.id})`),
      fields([["owner", g.owner], ["description", g.description], ["public", g.public], ["members only", g.membersonly],
        ["allow invites", g.allowinvites], ["invite needs confirm", g.invite_need_confirm], ["max users", g.maxusers],
        ["mute all", g.mute_all], ["disabled", g.disabled], ["announcement", g.announcement], ["custom", g.custom],
        ["created", datetime(g.created)], ["last modified", g.last_modified ? datetime(g.last_modified) : ""]]),
      membership(g),
      el("h2", {}, "Member attributes"),
      table("attributes", ["member", "key", "value"], attrs, "None."),
      el("h2", {}, `Threads (${threads.length})`),
      table("threads", ["id", "name", "owner", "message", "members", "created"], threads.map((t) => [t.id, t.name, t.owner, t.msg_id, ordered(t.members).join(", "), datetime(t.created)]), "No thread."),
      el("h2", {}, `Shared files (${files.length})`),
      table("files", ["id", "name", "owner", "bytes"], files.map((f) => [f.id, f.name, f.owner, f.size]), "No file."));
  }

  function roomView(a, r) {
    crumbs(link(ROOT, "State"), link(appURL(a), `${a.key.org}/${a.key.app}`), `chatroom ${r.id}`);
    document.title = `Chatroom ${r.id} · State · emcontract mock`;
    const attrs = Object.entries(r.attributes || {}).sort().map(([k, v]) => [k, v.value, v.owner, v.auto_delete ? "yes" : "no"]);
    view(
      el("h1", { id: "title" }, `Chatroom ${r.name} (${r.id})`),
      fields([["owner", r.owner], ["description", r.description], ["max users", r.maxusers], ["mute all", r.ban],
        ["announcement", r.announcement], ["custom", r.custom], ["created", datetime(r.created)]]),
      membership(r),
      el("h2", {}, "Attributes"),
      table("attributes", ["key", "value", "owner", "auto delete"], attrs, "None."));
  }

  function userView(a, u) {
    const base = appURL(a);
    crumbs(link(ROOT, "State"), link(base, `${a.key.org}/${a.key.app}`), `user ${u.username}`);
    document.title = `User ${u.username} · State · emcontract mock`;
    const inSet = (x) => x.owner === u.username || Object.hasOwn(x.members || {}, u.username);
    const groups = Object.values(a.groups || {}).filter(inSet).sort((x, y) => x.seq - y.seq);
    const rooms = Object.values(a.chatrooms || {}).filter(inSet).sort((x, y) => x.seq - y.seq);
    view(
      el("h1", { id: "title" }, `User ${u.username}`),
      fields([["uuid", u.uuid], ["nickname", u.nickname], ["created", datetime(u.created)], ["modified", datetime(u.modified)],
        ["super admin", Object.hasOwn(a.super_admins || {}, u.username)]]),
      el("h2", {}, "Groups"),
      table("user-groups", ["id", "name", "as"], groups.map((g) => [link(`${base}/groups/${enc(g.id)}`, g.id), g.name, g.owner === u.username ? "owner" : "member"]), "In no group."),
      el("h2", {}, "Chatrooms"),
      table("user-chatrooms", ["id", "name", "as"], rooms.map((r) => [link(`${base}/chatrooms/${enc(r.id)}`, r.id), r.name, r.owner === u.username ? "owner" : "member"]), "In no chatroom."));
  }

  function missing(what) {
    crumbs(link(ROOT, "State"));
    view(el("p", { class: "notice", id: "missing" }, `${what} is not in the mock's state (any more): `, link(ROOT, "all apps")));
  }

  // route shows the view the URL names: /state[/{org}/{app}[/groups|chatrooms|users/{id}]].
  function route() {
    const parts = location.pathname.slice(ROOT.length).split("/").filter(Boolean).map(decodeURIComponent);
    if (!parts.length) return overview();
    const a = state.apps.find((x) => x.key.org === parts[0] && x.key.app === parts[1]);
    if (!a) return missing(`App ${parts[0]}/${parts[1] || ""}`);
    if (parts.length === 2) return appView(a);
    const [kind, id] = [parts[2], parts[3]];
    const found = { groups: a.groups, chatrooms: a.chatrooms, users: a.users }[kind]?.[id];
    if (!found) return missing(`${kind.replace(/s$/, "")} ${id}`);
    return { groups: groupView, chatrooms: roomView, users: userView }[kind](a, found);
  }

  function go(href) {
    history.pushState(null, "", href);
    route();
    window.scrollTo(0, 0);
  }

  async function load() {
    try {
      state = await api("state");
      loadedAt = Date.now();
      notice(null);
      $("loaded").textContent = `as of ${datetime(loadedAt)}`;
      route();
    } catch (err) {
      notice(err, load);
      if (!(err instanceof NeedsToken)) view();
    }
  }

  header("state");
  window.addEventListener("popstate", () => state && route());
  $("refresh").addEventListener("click", load);
  load();
})();
