/* Sunlight: every resident's phone is a witness of this site's history (record format section 8).
 *
 * It keeps, in this browser's storage, the last chain head it accepted for this site and a short
 * line for each entry it has checked since (link prefix and day).  On each page it fetches only
 * data/chain/head.json while the head is unchanged; when the head moved, only the chain file that
 * holds its stored seq and the files after it, and it checks every new link with the browser's
 * own SHA-256.  When the published history no longer holds the entry it saw, and the site declared
 * no rewrite, it shows the notice the page carries (a <template>: its words are the site's, in the
 * site's language) at the top of every page until the reader dismisses it for that head.
 * ES2017 for old WebViews and WeChat's browser; with scripts off, without storage or without
 * SubtleCrypto (pages served over http://) it does nothing, and nothing else depends on it.
 * The link is computed exactly as chain.py computes it: tests run both on the same entries. */
(function () {
  "use strict";
  var PER_FILE = 512, KEEP = 2048;

  function hex(buffer) {
    var bytes = new Uint8Array(buffer), out = "";
    for (var i = 0; i < bytes.length; i++) out += (bytes[i] < 16 ? "0" : "") + bytes[i].toString(16);
    return out;
  }

  /* SHA-256 (hex) of the previous link, the commit and the records tree, joined by "\n". */
  function link(previous, commit, records) {
    var text = new TextEncoder().encode(previous + "\n" + commit + "\n" + records);
    return window.crypto.subtle.digest("SHA-256", text).then(hex);
  }

  var template = document.getElementById("sl-witness");
  if (!template || !template.content || !window.fetch || !window.Promise || !window.TextEncoder ||
      !window.crypto || !window.crypto.subtle || !window.URL) return;
  window.SunlightWitness = { link: link };
  var storage;
  try {
    storage = window.localStorage;
    storage.setItem("sunlight-witness-probe", "1");
    storage.removeItem("sunlight-witness-probe");
  } catch (e) {
    return;
  }
  var site = new URL(template.getAttribute("data-site"), window.location.href).href;
  var key = "sunlight-witness:" + site;
  var files = {};

  function isText(value, length) { return typeof value === "string" && (!length || value.length === length); }
  function isHead(head) {
    return head && typeof head.seq === "number" && head.seq >= 1 && isText(head.link, 64) && isText(head.date);
  }
  function line(entry) { return entry.link.slice(0, 16) + " " + entry.date.slice(0, 10); }
  function fresh(head) {
    return { head: { seq: head.seq, link: head.link, date: head.date }, from: head.seq, seen: [line(head)],
             declared: declarations(head), alarm: null, dismissed: null };
  }
  function declarations(head) {
    var out = [], list = Array.isArray(head.rewrites) ? head.rewrites : [];
    for (var i = 0; i < list.length; i++) if (list[i] && isText(list[i].replaces, 64)) out.push(list[i].replaces);
    return out;
  }

  function load() {
    try {
      var memory = JSON.parse(storage.getItem(key));
      if (memory && isHead(memory.head) && typeof memory.from === "number" && Array.isArray(memory.seen) &&
          memory.seen.length === memory.head.seq - memory.from + 1 && Array.isArray(memory.declared)) return memory;
    } catch (e) { /* unreadable: start again */ }
    return null;
  }
  function save(memory) {
    try { storage.setItem(key, JSON.stringify(memory)); } catch (e) { /* storage full or refused */ }
  }

  function json(rel) {
    return fetch(new URL(rel, site).href, { cache: "no-cache", credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(rel + ": " + r.status);
      return r.json();
    });
  }
  function fileOf(seq) { return Math.floor((seq - 1) / PER_FILE) + 1; }
  function entries(number) {
    if (!files[number]) {
      var name = String(number);
      while (name.length < 4) name = "0" + name;
      files[number] = json("data/chain/" + name + ".json").then(function (data) {
        if (!data || !Array.isArray(data.entries)) throw new Error("chain file " + name);
        return data.entries;
      });
    }
    return files[number];
  }
  /* Entries first..last, in order, each well formed, from the files that hold them. */
  async function range(first, last) {
    var out = [];
    for (var n = first <= last ? fileOf(first) : 1; first <= last && n <= fileOf(last); n++) {
      var list = await entries(n);
      for (var i = 0; i < list.length; i++) {
        var e = list[i];
        if (e && e.seq >= first && e.seq <= last) out.push(e);
      }
    }
    for (var k = 0; k < out.length; k++) {
      var entry = out[k];
      if (entry.seq !== first + k || !isText(entry.link, 64) || !isText(entry.commit) || !isText(entry.records) ||
          !isText(entry.date)) throw new Error("entry " + (first + k));
    }
    if (first <= last && out.length !== last - first + 1) throw new Error("entries " + first + "-" + last);
    return out;
  }

  /* A rewrite the site declared: one naming the head this phone holds, or one it had not seen
   * before, dated no earlier than that head (as witness/check.py decides). */
  function declared(head, memory) {
    var list = Array.isArray(head.rewrites) ? head.rewrites : [];
    for (var i = 0; i < list.length; i++) {
      var r = list[i];
      if (!r || !isText(r.replaces, 64)) continue;
      if (r.replaces === memory.head.link) return true;
      if (memory.declared.indexOf(r.replaces) < 0 && isText(r.date) && r.date >= memory.head.date.slice(0, 10)) return true;
    }
    return false;
  }

  function show(memory) {
    if (document.getElementById("sl-witness-notice")) return;
    var alarm = memory.alarm, part = template.content.cloneNode(true);
    var box = part.querySelector(".sl-witness");
    var dated = part.querySelector("[data-when='date']"), undated = part.querySelector("[data-when='unknown']");
    if (alarm.date) {
      var day = alarm.date.split("-"), words = template.getAttribute("data-day") || "{y}-{m}-{d}";
      words = words.replace("{y}", day[0]).replace("{m}", String(Number(day[1]))).replace("{d}", String(Number(day[2])));
      dated.textContent = dated.textContent.replace("{date}", words);
      undated.parentNode.removeChild(undated);
    } else {
      dated.parentNode.removeChild(dated);
    }
    box.id = "sl-witness-notice";
    part.querySelector("button").addEventListener("click", function () {
      var now = load() || memory;
      now.dismissed = alarm.head;
      save(now);
      box.parentNode.removeChild(box);
    });
    template.parentNode.insertBefore(part, template);
  }

  async function witness() {
    var head = await json("data/chain/head.json");
    if (!head || head.seq === 0) return;              // no chain on this build: nothing to check
    if (!isHead(head)) return;
    var memory = load();
    if (!memory) { save(fresh(head)); return; }
    var held = memory.head;
    if (head.link === held.link && head.seq === held.seq) {
      if (memory.alarm) { memory.alarm = null; save(memory); }
      return;
    }
    if (memory.alarm && memory.alarm.head === head.link) {   // seen already: no other request
      if (memory.dismissed !== head.link) show(memory);
      return;
    }
    if (head.seq >= held.seq && (await range(held.seq, held.seq))[0].link === held.link) {
      var added = await range(held.seq + 1, head.seq), previous = held.link;
      for (var i = 0; i < added.length; i++) {
        if (await link(previous, added[i].commit, added[i].records) !== added[i].link) return;  // broken: keep what was seen
        previous = added[i].link;
      }
      if (previous !== head.link) return;
      memory.seen = memory.seen.concat(added.map(line));
      memory.head = { seq: head.seq, link: head.link, date: head.date };
      if (memory.seen.length > KEEP) {
        memory.seen = memory.seen.slice(memory.seen.length - KEEP);
        memory.from = head.seq - KEEP + 1;
      }
      var known = declarations(head);
      for (var d = 0; d < known.length; d++) if (memory.declared.indexOf(known[d]) < 0) memory.declared.push(known[d]);
      memory.alarm = null;
      save(memory);
      return;
    }
    if (declared(head, memory)) {                     // accepted; the audit page lists it with its reason
      var accepted = fresh(head);
      accepted.declared = accepted.declared.concat(memory.declared);
      save(accepted);
      return;
    }
    // Rewritten, or cut short: the first entry that differs from what this phone saw.
    var upto = Math.min(held.seq, head.seq), first = upto + 1;
    var now = upto >= memory.from ? await range(memory.from, upto) : [];
    for (var k = 0; k < now.length; k++) {
      if (now[k].link.slice(0, 16) !== memory.seen[k].slice(0, 16)) { first = memory.from + k; break; }
    }
    first = Math.min(first, held.seq);
    memory.alarm = { head: head.link, seq: first, date: first > memory.from ? memory.seen[first - memory.from].slice(17) : null };
    save(memory);
    if (memory.dismissed !== head.link) show(memory);
  }

  witness().catch(function () { /* unreachable or malformed: the page reads as before */ });
})();
