// Kubemate incident page. No framework; every API value is inserted with textContent, never as markup.
"use strict";

const API = "/api/v1";
const TOKEN_KEY = "kubemate.apiToken";
const ACTOR_KEY = "kubemate.actor";
const CITATION = /\b([ESR]\d+)\b/g;
// evidence and summaries arrive without a new incident version: an open detail is re-read this often
const DETAIL_REFRESH_MS = 5000;

const state = {
  incidents: new Map(), // id -> list item, the highest version seen
  lastEventId: null,
  openId: null,
  openVersion: -1,
  openSignature: null,
  stream: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "className") node.className = value;
    else if (key.startsWith("data-") || key.startsWith("aria-") || key === "href" || key === "id" || key === "datetime") {
      node.setAttribute(key, String(value));
    } else node[key] = value;
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function badge(value) {
  return el("span", { className: "badge", "data-value": value, text: value });
}

function when(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return isNaN(d) ? String(iso) : d.toLocaleString();
}

function timeEl(iso) {
  return el("time", { datetime: iso, text: when(iso) });
}

/** Only http(s) links from API data become hrefs: a javascript: URL in an alert must stay text. */
function safeHref(url) {
  try {
    const u = new URL(url, location.href);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch (e) {
    return null;
  }
}

// ---------- API access and the token ----------

function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: "Bearer " + token } : {};
}

class NeedsToken extends Error {}

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, authHeaders(), options.headers || {});
  const res = await fetch(API + path, Object.assign({}, options, { headers }));
  if (res.status === 401) {
    askForToken();
    throw new NeedsToken("the API token is missing or wrong");
  }
  const type = res.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await res.json() : null;
  if (!res.ok) {
    const detail = body && (body.detail || body.title);
    throw new Error(detail ? detail + " (HTTP " + res.status + ")" : "HTTP " + res.status);
  }
  return { status: res.status, body };
}

function postJson(path, payload) {
  return api(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(payload),
  });
}

function askForToken() {
  const form = $("token-form");
  if (!form.hidden) return;
  sessionStorage.removeItem(TOKEN_KEY);
  form.hidden = false;
  setConnection("offline", "API token needed");
  $("token").focus();
}

function onTokenSubmit(event) {
  event.preventDefault();
  const token = $("token").value.trim();
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  $("token").value = "";
  $("token-form").hidden = true;
  startStream();
  route();
}

// ---------- the live list (server-sent events read with fetch, so the token travels in a header) ----------

function setConnection(kind, text) {
  const node = $("connection");
  node.dataset.state = kind;
  node.textContent = text;
}

function startStream() {
  if (state.stream) state.stream.abort();
  const controller = new AbortController();
  state.stream = controller;
  follow(controller.signal);
}

async function follow(signal) {
  let retry = 3000;
  while (!signal.aborted) {
    try {
      const headers = Object.assign({ Accept: "text/event-stream" }, authHeaders());
      if (state.lastEventId !== null) headers["Last-Event-ID"] = state.lastEventId;
      const res = await fetch(API + "/incidents/stream", { headers, signal, cache: "no-store" });
      if (res.status === 401) {
        askForToken();
        return;
      }
      if (!res.ok || !res.body) throw new Error("HTTP " + res.status);
      setConnection("live", "Live");
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const message = parseEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
          if (message.retry) retry = message.retry;
          if (message.data !== null) dispatch(message);
        }
      }
    } catch (e) {
      if (signal.aborted) return;
    }
    setConnection("offline", "Reconnecting…");
    await new Promise((resolve) => setTimeout(resolve, retry));
  }
}

/** One event block of the text/event-stream format: id, event, data and retry fields; comments are skipped. */
function parseEvent(block) {
  const message = { id: null, event: "message", data: null, retry: 0 };
  const data = [];
  for (const raw of block.split("\n")) {
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") data.push(value);
    else if (field === "event") message.event = value;
    else if (field === "id") message.id = value;
    else if (field === "retry" && /^\d+$/.test(value)) message.retry = Number(value);
  }
  if (data.length) message.data = data.join("\n");
  return message;
}

function dispatch(message) {
  let payload;
  try {
    payload = JSON.parse(message.data);
  } catch (e) {
    return;
  }
  if (message.event === "reset") {
    state.incidents.clear();
    for (const item of payload.items || []) state.incidents.set(item.id, item);
    announce(state.incidents.size + " incidents");
  } else if (message.event === "incident") {
    upsert(payload);
  }
  if (message.id !== null) state.lastEventId = message.id;
  renderList();
}

function upsert(item) {
  const previous = state.incidents.get(item.id);
  if (previous && previous.version >= item.version) return;
  state.incidents.set(item.id, item);
  if (!previous) announce("New " + item.severity + " incident: " + item.title);
  else if (previous.status !== item.status) announce(item.title + " is now " + item.status);
  if (item.id === state.openId && item.version > state.openVersion) loadDetail(item.id);
}

function announce(text) {
  $("announcer").textContent = text;
}

function renderList() {
  const status = $("filter-status").value;
  const severity = $("filter-severity").value;
  const service = $("filter-service").value;
  const all = [...state.incidents.values()].sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
  renderServiceOptions(all, service);
  const shown = all.filter(
    (i) => (!status || i.status === status) && (!severity || i.severity === severity) && (!service || (i.services || []).includes(service)),
  );
  const list = $("incidents");
  list.replaceChildren(...shown.map(listItem));
  $("count").textContent = "(" + shown.length + (shown.length === all.length ? "" : " of " + all.length) + ")";
  $("empty").hidden = shown.length > 0;
}

function renderServiceOptions(all, selected) {
  const services = [...new Set(all.flatMap((i) => i.services || []))].sort();
  const select = $("filter-service");
  const current = [...select.options].slice(1).map((o) => o.value);
  if (current.join("\n") === services.join("\n")) return;
  select.replaceChildren(el("option", { value: "", text: "any" }), ...services.map((s) => el("option", { value: s, text: s })));
  select.value = services.includes(selected) ? selected : "";
}

function listItem(item) {
  const line = el(
    "span",
    { className: "line" },
    badge(item.severity),
    badge(item.status),
    el("span", { text: (item.services || []).join(", ") || "no service" }),
    el("span", { text: item.firingCount + "/" + item.alertCount + " firing" }),
    el("span", { text: "updated " }, timeEl(item.updatedAt)),
  );
  const link = el("a", { href: "#/incidents/" + encodeURIComponent(item.id) }, el("span", { className: "title", text: item.title || item.id }), line);
  if (item.id === state.openId) link.setAttribute("aria-current", "true");
  return el("li", { className: "incident", "data-id": item.id, "data-status": item.status }, link);
}

// ---------- the detail view ----------

function route() {
  const match = /^#\/incidents\/([^/]+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  state.openId = id;
  state.openVersion = -1;
  state.openSignature = null;
  $("incident").hidden = true;
  $("detail-placeholder").hidden = id !== null;
  renderList();
  if (id) loadDetail(id, true);
}

async function loadDetail(id, focus) {
  try {
    const { body } = await api("/incidents/" + encodeURIComponent(id));
    if (state.openId !== id) return;
    renderDetail(body);
    if (focus) $("detail").focus();
  } catch (e) {
    if (e instanceof NeedsToken) return;
    $("detail-placeholder").hidden = false;
    $("detail-placeholder").textContent = "Could not load " + id + ": " + e.message;
  }
}

/** What a re-render would change: the incident version, the summary and the evidence. */
function signature(d) {
  return [d.id, d.version, d.summary ? d.summary.summaryId : "", d.evidenceUpdatedAt || ""].join("|");
}

function renderDetail(d) {
  const sig = signature(d);
  if (sig === state.openSignature) return; // unchanged: keep the highlight, focus and scroll position
  state.openSignature = sig;
  state.openVersion = d.version;
  $("incident").hidden = false;
  $("detail-placeholder").hidden = true;
  $("detail-title").textContent = d.title || d.id;
  $("detail-status").replaceWith(Object.assign(badge(d.status), { id: "detail-status" }));
  $("detail-severity").replaceWith(Object.assign(badge(d.severity), { id: "detail-severity" }));
  $("detail-id").textContent = d.id + " · v" + d.version;
  const facts = [
    ["Scope", Object.entries(d.scope || {}).map(([k, v]) => k + "=" + v).join(", ")],
    ["Services", (d.services || []).join(", ")],
    ["Alerts", d.firingCount + " firing of " + d.alertCount],
    ["Opened", when(d.openedAt)],
    ["Updated", when(d.updatedAt)],
    ["Resolved", when(d.resolvedAt)],
  ].filter(([, v]) => v);
  $("detail-facts").replaceChildren(...facts.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })]));
  $("action-acknowledge").disabled = d.status !== "open";
  $("action-resolve").disabled = d.status === "resolved";
  $("action-reopen").disabled = d.status !== "resolved";
  renderSummary(d.summary);
  renderOrigin(d.probableOrigin || []);
  renderEvidence(d.evidence || []);
  renderAlerts(d.alerts || []);
  renderTimeline(d.timeline || [], d.timelineOmitted || 0);
}

function renderSummary(s) {
  const box = $("summary");
  const feedback = [$("feedback-helpful"), $("feedback-unhelpful")];
  if (!s) {
    box.replaceChildren(el("p", { className: "placeholder", text: "No summary yet." }));
    feedback.forEach((b) => (b.disabled = true));
    $("similar").replaceChildren(el("li", { text: "None yet." }));
    $("runbooks").replaceChildren(el("li", { text: "None." }));
    return;
  }
  feedback.forEach((b) => (b.disabled = false));
  const parts = [el("p", { className: "summary-text" }, ...withCitations(s.text || ""))];
  if (s.probableRootCause) {
    parts.push(el("p", { text: "Probable root cause: " + s.probableRootCause.service + " — " + s.probableRootCause.reason }));
  }
  if (typeof s.confidence === "number") parts.push(el("p", { text: "Confidence: " + Math.round(s.confidence * 100) + "%" }));
  if ((s.nextSteps || []).length) {
    parts.push(el("h4", { text: "Next steps" }), el("ol", {}, ...s.nextSteps.map((step) => el("li", {}, ...withCitations(step)))));
  }
  const model = s.model || {};
  const kind = s.kind + (s.grounded ? ", grounded" : ", not grounded");
  parts.push(el("p", { className: "summary-note", text: kind + " · " + (model.name || "") + (s.note ? " · " + s.note : "") }));
  box.replaceChildren(...parts);
  $("feedback-helpful").dataset.summaryId = s.summaryId;
  $("similar").replaceChildren(
    ...(s.similar || []).map((x) =>
      el(
        "li",
        { id: "cite-" + x.citation, className: "cited" },
        el("span", { className: "cite-id", text: x.citation }),
        el("a", { href: "#/incidents/" + encodeURIComponent(x.incidentId), text: x.incidentId }),
        el("span", { text: " (score " + Number(x.score).toFixed(2) + ")" + (x.resolution ? ": " + x.resolution : "") }),
      ),
    ),
  );
  if (!(s.similar || []).length) $("similar").replaceChildren(el("li", { text: s.noCloseMatch ? "New: no close match." : "None." }));
  $("runbooks").replaceChildren(
    ...(s.runbooks || []).map((r) =>
      el("li", { id: "cite-" + r.citation, className: "cited" }, el("span", { className: "cite-id", text: r.citation }), el("span", { text: r.id + ": " + r.excerpt })),
    ),
  );
  if (!(s.runbooks || []).length) $("runbooks").replaceChildren(el("li", { text: "None." }));
}

/** Text with each E1 / S1 / R1 citation turned into a button that shows the cited item. */
function withCitations(text) {
  const nodes = [];
  let at = 0;
  for (const m of text.matchAll(CITATION)) {
    if (m.index > at) nodes.push(document.createTextNode(text.slice(at, m.index)));
    const button = el("button", { type: "button", className: "citation", text: m[1], "aria-label": "Show " + m[1] });
    button.dataset.cite = m[1];
    nodes.push(button);
    at = m.index + m[0].length;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}

function showCitation(id) {
  const target = $("cite-" + id);
  if (!target) {
    $("action-message").textContent = id + " is not shown on this page.";
    return;
  }
  document.querySelectorAll(".highlight").forEach((n) => n.classList.remove("highlight"));
  target.classList.add("highlight");
  target.setAttribute("tabindex", "-1");
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}

function renderOrigin(origins) {
  $("origin").replaceChildren(
    ...origins.map((o) => el("li", { text: o.service + " (score " + Number(o.score).toFixed(2) + "): " + (o.reasons || []).join("; ") })),
  );
  if (!origins.length) $("origin").replaceChildren(el("li", { text: "Not known yet." }));
}

function renderEvidence(items) {
  $("evidence").replaceChildren(
    ...items.map((e) =>
      el(
        "li",
        { id: "cite-" + e.id, className: "cited" },
        el("span", { className: "cite-id", text: e.id }),
        el("strong", { text: e.title }),
        el("span", { text: " · " + e.kind + " · " + e.service + " · " + e.source }),
        (e.lines || []).length ? el("pre", { text: e.lines.join("\n") }) : null,
      ),
    ),
  );
  if (!items.length) $("evidence").replaceChildren(el("li", { text: "No evidence gathered yet." }));
}

function renderAlerts(alerts) {
  $("alerts").replaceChildren(
    ...alerts.map((a) => {
      const labels = el("ul", { className: "labels", "aria-label": "labels" }, ...Object.entries(a.labels || {}).map(([k, v]) => el("li", { text: k + "=" + v })));
      const notes = Object.entries(a.annotations || {}).map(([k, v]) => el("div", { text: k + ": " + v }));
      const href = a.generatorURL ? safeHref(a.generatorURL) : null;
      return el(
        "li",
        { "data-fingerprint": a.fingerprint },
        badge(a.status),
        el("strong", { text: " " + ((a.labels || {}).alertname || a.fingerprint) }),
        el("span", { text: " since " + when(a.startsAt) }),
        labels,
        ...notes,
        href ? el("a", { href, text: "source", rel: "noreferrer noopener" }) : null,
      );
    }),
  );
}

function renderTimeline(entries, omitted) {
  const items = entries.map((t) =>
    el(
      "li",
      {},
      timeEl(t.at),
      el("span", { text: t.kind + (t.actor ? " by " + t.actor : "") + (t.fingerprint ? " · " + t.fingerprint : "") + (t.count > 1 ? " ×" + t.count : "") + (t.detail ? ": " + t.detail : "") }),
    ),
  );
  if (omitted) items.unshift(el("li", { text: omitted + " earlier entries omitted" }));
  $("timeline").replaceChildren(...items);
}

// ---------- actions ----------

function actor() {
  const value = $("actor").value.trim();
  return value || null;
}

async function act(action, payload, messageId) {
  const id = state.openId;
  const message = $(messageId);
  message.dataset.kind = "";
  message.textContent = "Sending…";
  try {
    const { status, body } = await postJson("/incidents/" + encodeURIComponent(id) + "/" + action, payload);
    if (status === 200 && body && body.id === id) {
      // the answer holds the incident without its evidence and summary: read the whole detail again
      await loadDetail(id);
      message.textContent = action === "resolution" ? "Note saved." : "Done: the incident is " + body.status + ".";
    } else {
      message.textContent = "Accepted; the incident updates when it is applied.";
    }
    return true;
  } catch (e) {
    if (e instanceof NeedsToken) return false;
    message.dataset.kind = "error";
    message.textContent = (action === "reopen" && /HTTP 40[45]/.test(e.message) ? "Reopen is not available on this server: " : "Failed: ") + e.message;
    return false;
  }
}

function onActionClick(event) {
  const button = event.target.closest("button[data-action]");
  if (!button || !state.openId) return;
  act(button.dataset.action, { actor: actor() }, "action-message");
}

async function onFeedbackClick(event) {
  const button = event.target.closest("button[data-helpful]");
  if (!button || !state.openId) return;
  const message = $("feedback-message");
  const payload = { helpful: button.dataset.helpful === "true" };
  const summaryId = $("feedback-helpful").dataset.summaryId;
  if (summaryId) payload.summaryId = summaryId;
  try {
    await postJson("/incidents/" + encodeURIComponent(state.openId) + "/summary/feedback", payload);
    message.dataset.kind = "";
    message.textContent = "Thanks, recorded as " + (payload.helpful ? "helpful." : "not helpful.");
  } catch (e) {
    if (e instanceof NeedsToken) return;
    message.dataset.kind = "error";
    message.textContent = "Failed: " + e.message;
  }
}

async function onResolutionSubmit(event) {
  event.preventDefault();
  const note = $("resolution-note").value.trim();
  if (!note || !state.openId) return;
  if (await act("resolution", { actor: actor(), note }, "resolution-message")) $("resolution-note").value = "";
}

// ---------- start ----------

function init() {
  $("actor").value = localStorage.getItem(ACTOR_KEY) || "";
  $("actor").addEventListener("change", () => localStorage.setItem(ACTOR_KEY, $("actor").value.trim()));
  $("token-form").addEventListener("submit", onTokenSubmit);
  $("filters").addEventListener("change", renderList);
  $("filters").addEventListener("submit", (e) => e.preventDefault());
  document.querySelector(".actions").addEventListener("click", onActionClick);
  document.querySelector(".feedback").addEventListener("click", onFeedbackClick);
  $("resolution-form").addEventListener("submit", onResolutionSubmit);
  $("incident").addEventListener("click", (e) => {
    const cite = e.target.closest("button[data-cite]");
    if (cite) showCitation(cite.dataset.cite);
  });
  window.addEventListener("hashchange", route);
  setInterval(() => {
    if (state.openId && !document.hidden) loadDetail(state.openId);
  }, DETAIL_REFRESH_MS);
  startStream();
  route();
}

init();
