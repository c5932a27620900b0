// The Telegram dashboard: polls the silo's JSON API (/dashboard/api/*) and redraws every section in place, so the
// page stays live without reloading. Plain DOM, no libraries. Failed polls mark the page stale (never throw). The cluster
// itself (silos, grains, calls, reminders) is on Orleans' dashboard (/orleans/).
"use strict";

const state = { refreshMs: 1500, timer: null, lastOk: null };

const $ = id => document.getElementById(id);
const esc = v => String(v ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c]));
const num = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v)) ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ms = v => v >= 1000 ? num(v / 1000, 2) + " s" : num(v, v < 10 ? 2 : 1) + " ms";
const duration = s => {
  if (s === null || s === undefined) return "–";
  s = Math.max(0, Math.round(s));
  const d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
  return d ? `${d}d ${h}h` : h ? `${h}h ${m}m` : m ? `${m}m ${sec}s` : `${sec}s`;
};
// A moment: its time of day when it is today, else its date and time (a campaign's last update may be days old).
const when = v => {
  const d = new Date(v);
  return d.toDateString() === new Date().toDateString() ? d.toLocaleTimeString() : d.toLocaleString();
};
const pill = s => `<span class="pill ${esc(s)}">${esc(s)}</span>`;

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store", headers: { "Accept": "application/json" } });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.json();
}

function table(el, headers, rows, attrs) {
  const head = "<thead><tr>" + headers.map(h => `<th class="${h.num ? "num" : ""}">${esc(h.label ?? h)}</th>`).join("") + "</tr></thead>";
  const body = rows.length
    ? rows.map((r, i) => `<tr ${attrs ? attrs(i) : ""}>` + r.map((c, j) => `<td class="${headers[j].num ? "num" : ""}">${c}</td>`).join("") + "</tr>").join("")
    : `<tr><td colspan="${headers.length}" class="muted">none</td></tr>`;
  el.innerHTML = head + "<tbody>" + body + "</tbody>";
}

function renderCluster(c) {
  state.refreshMs = c.refreshMilliseconds || state.refreshMs;
  $("banner-simulated").hidden = !c.simulated;
  $("self").textContent = "answered by silo " + c.selfSiloId;
  const orleans = $("orleans-link");
  orleans.hidden = !c.orleansDashboardPath;
  if (c.orleansDashboardPath) orleans.href = c.orleansDashboardPath;
}

function renderTelegram(tg) {
  const accounts = tg.accounts;
  table($("accounts"), ["Account", "Label", "Phone", "State", "Silo", { label: "Cooldown left", num: 1 }, "Sent this hour", { label: "Today", num: 1 },
    { label: "Sent", num: 1 }, { label: "Failed", num: 1 }, { label: "Flood waits", num: 1 }, { label: "Uptime", num: 1 }, "Last error"],
    accounts.map(a => {
      const f = a.hourlyLimit ? a.sentThisHour / a.hourlyLimit : 0;
      return [esc(a.accountId), esc(a.label), esc(a.phoneMasked), pill(a.state), esc(a.siloId ?? "–"),
        a.cooldownRemainingSeconds ? duration(a.cooldownRemainingSeconds) : "–",
        `<span class="bar ${f > 0.9 ? "high" : ""}"><span style="width:${Math.min(100, f * 100).toFixed(0)}%"></span></span>${num(a.sentThisHour)} / ${num(a.hourlyLimit)}`,
        `${num(a.sentToday)} / ${num(a.dailyLimit)}`, num(a.sent), num(a.failed), num(a.floodWaits), duration(a.uptimeSeconds), esc(a.lastError ?? "")];
    }),
    i => `data-account-id="${esc(accounts[i].accountId)}"`);
  const pairs = tg.pairs;
  table($("pairs"), ["Pair", "Account", "State", "Silo", "Source", { label: "Dest.", num: 1 }, { label: "Received", num: 1 }, { label: "Forwarded", num: 1 },
    { label: "Failed", num: 1 }, { label: "Latency p50", num: 1 }, { label: "p95", num: 1 }, { label: "p99", num: 1 }, "Latency of recent messages", "Last error"],
    pairs.map(p => {
      const max = Math.max(1, ...p.histogram.map(b => b.count));
      const hist = `<span class="hist" title="${esc(p.histogram.map(b => `${b.label}: ${b.count}`).join(", "))}">` +
        p.histogram.map(b => `<span style="height:${(b.count / max * 100).toFixed(0)}%" title="${esc(b.label)}: ${b.count}"></span>`).join("") + "</span>";
      return [esc(p.name ?? p.pairId), esc(p.accountId), pill(p.state), esc(p.siloId ?? "–"), esc(p.sourceTitle),
        num(p.destinations), num(p.received), num(p.forwarded), num(p.failed), ms(p.latencyP50Ms), ms(p.latencyP95Ms), ms(p.latencyP99Ms), hist, esc(p.lastError ?? "")];
    }),
    i => `data-pair-id="${esc(pairs[i].pairId)}"`);
  table($("groups"), ["Group", "Enabled", "Silo", { label: "Channels", num: 1 }, { label: "Muted now", num: 1 }, { label: "Mutes", num: 1 },
    { label: "Verified (unmuted)", num: 1 }, { label: "Deleted", num: 1 }, { label: "Warnings", num: 1 }, { label: "Cache hits/misses", num: 1 }],
    tg.groups.map(g => [esc(String(g.groupId)), g.enabled ? "yes" : "no", esc(g.siloId ?? "–"), num(g.channels), num(g.mutedNow),
      num(g.muted), num(g.unmuted), num(g.messagesDeleted), num(g.warningsSent), `${num(g.cacheHits)} / ${num(g.cacheMisses)}`]));
  const broadcasts = tg.broadcasts ?? [];
  table($("broadcasts"), ["Broadcast", "Bot", "Phase", "Silo", { label: "Recipients", num: 1 }, { label: "Sent", num: 1 }, { label: "Failed", num: 1 },
    { label: "Blocked", num: 1 }, { label: "Unconfirmed", num: 1 }, { label: "Pending", num: 1 }, { label: "msg/s", num: 1 }, { label: "ETA", num: 1 }],
    broadcasts.map(b => [esc(b.broadcastId), esc(String(b.botId)), pill(b.phase), esc(b.siloId ?? "–"), num(b.total), num(b.sent), num(b.failed),
      num(b.blocked), num(b.unconfirmed), num(b.pending),
      // The rate over the last seconds means something only while it sends (a finished broadcast is not "0.0 msg/s").
      b.phase === "Running" ? esc(b.messagesPerSecond.toFixed(1)) : "–", b.etaSeconds == null ? "–" : esc(`${Math.ceil(b.etaSeconds)} s`)]),
    i => `data-broadcast-id="${esc(broadcasts[i].broadcastId)}"`);
  table($("campaigns"), ["Campaign", "Name", "State", { label: "Recipients", num: 1 }, { label: "Sent", num: 1 }, { label: "Failed", num: 1 },
    { label: "Skipped", num: 1 }, { label: "Pending", num: 1 }, { label: "In doubt", num: 1 }, "Progress", "Updated"],
    (tg.campaigns ?? []).map(c => {
      const f = c.total ? (c.sent + c.failed + c.skipped) / c.total : 0;
      return [esc(c.campaignId), esc(c.name), pill(c.state), num(c.total), num(c.sent), num(c.failed), num(c.skipped), num(c.pending), num(c.inDoubt),
        `<span class="bar"><span style="width:${Math.min(100, f * 100).toFixed(0)}%"></span></span>${(f * 100).toFixed(0)}%`,
        esc(when(c.updatedAt))];
    }),
    i => `data-campaign-id="${esc(tg.campaigns[i].campaignId)}"`);
  $("telegram-problems").innerHTML = tg.problems.map(p => `<li>${esc(p)}</li>`).join("");
}

function renderLogs(l) {
  table($("log-tail"), ["Time", "Silo", "Level", "Category", "Message"],
    l.entries.slice(0, 150).map(e => [esc(new Date(e.timestamp).toLocaleTimeString()), esc(e.siloId), `<span class="level-${esc(e.level)}">${esc(e.level)}</span>`,
      esc(e.category.split(".").slice(-1)[0]), esc(e.message) + (e.exception ? `<br><span class="muted">${esc(e.exception)}</span>` : "")]));
}

async function poll() {
  const [cluster, telegram, logs] = await Promise.allSettled([
    getJson("/dashboard/api/cluster"), getJson("/dashboard/api/telegram"), getJson("/dashboard/api/logs"),
  ]);
  const draw = (result, render) => { if (result.status === "fulfilled") render(result.value); };
  draw(cluster, renderCluster);
  draw(telegram, renderTelegram);
  draw(logs, renderLogs);
  const status = $("status");
  if (cluster.status === "fulfilled") {
    state.lastOk = new Date();
    status.textContent = "live · updated " + state.lastOk.toLocaleTimeString();
    status.className = "status";
    document.body.dataset.updates = String(Number(document.body.dataset.updates || 0) + 1);
  } else {
    status.textContent = "no answer from the silo" + (state.lastOk ? " since " + state.lastOk.toLocaleTimeString() : "");
    status.className = "status stale";
  }
  state.timer = setTimeout(poll, state.refreshMs);
}

poll();
