/* 客服学堂 quiz engine: grades the quizzes of a unit page, keeps progress in localStorage
   (per course, unit and question, keyed by the question's content hash), fills the progress
   and track pages. mkdocs-material re-runs page scripts on every instant navigation: the
   code below is set up once and only (re)initialises elements it has not seen. */
(function () {
  'use strict';
  if (window.__kefuQuiz) return window.__kefuQuiz();
  var KEY = 'kefu-progress:', mem = {}, broken = false, seen = new WeakSet();

  function $(sel, el) { return (el || document).querySelector(sel); }
  function $$(sel, el) { return Array.from((el || document).querySelectorAll(sel)); }
  function fmt(s, o) { return s.replace(/\{(\w+)\}/g, function (m, k) { return k in o ? o[k] : m; }); }
  function fold(s) { return s.normalize('NFKC').toLowerCase().trim().split(/\s+/).join(' '); }
  function day(sep) {
    var d = new Date();
    return [d.getFullYear(), d.getMonth() + 1, d.getDate()].map(function (n) { return n < 10 ? '0' + n : n; }).join(sep);
  }
  function passes(score, total, ratio) { return total > 0 && score / total >= ratio; }

  // Storage: where localStorage is missing or throws, progress lives in memory only.
  function load(course) {
    var d;
    try {
      localStorage.setItem(KEY, 1); // may read but not write (old private modes)
      localStorage.removeItem(KEY);
      d = JSON.parse(localStorage.getItem(KEY + course) || '{}');
    } catch (e) { broken = broken || !(e instanceof SyntaxError); }
    return (mem[course] = d && typeof d == 'object' && !broken ? d : mem[course] || {});
  }
  function save(course) {
    try { localStorage.setItem(KEY + course, JSON.stringify(mem[course])); } catch (e) { broken = true; }
  }

  // What a unit's stored progress is worth against the questions as they are now ({id: hash}).
  // Record of a question: {h: hash, ok, a: answer, tb: best typing}; unit best: {d: date, c: {id: hash}}.
  function status(u, hashes) {
    var r = { score: 0, best: 0, date: '', any: false, missed: [], correct: {} }, q = (u && u.q) || {}, b = u && u.b;
    Object.keys(hashes).forEach(function (id) {
      var x = q[id];
      if (x && x.h === hashes[id] && 'ok' in x) {
        r.any = true;
        if (x.ok) { r.score++; r.correct[id] = x.h; } else r.missed.push(id);
      }
    });
    if (b) Object.keys(b.c).forEach(function (id) { if (hashes[id] === b.c[id]) r.best++; });
    r.has = r.any || !!b;
    r.date = (b && b.d) || day('-');
    r.top = Math.max(r.best, r.score);
    return r;
  }

  function initQuiz(el) {
    var S = JSON.parse(el.dataset.strings), course = el.dataset.course, unit = el.dataset.quiz,
      ratio = +el.dataset.passRatio, hashes = {}, byEl = new Map(),
      summary = $('[data-quiz-summary]', el), live = $('[data-live]', el);
    var qs = $$('[data-question-id]', el).map(function (qe) {
      var q = { el: qe, id: qe.dataset.questionId, h: qe.dataset.questionHash, type: qe.dataset.questionType,
        key: JSON.parse(qe.dataset.answer), res: $('.kefu-result', qe), ol: $('.kefu-order', qe),
        ta: $('textarea', qe), fill: $('.kefu-fill', qe), stats: $('[data-typing-stats]', qe) };
      hashes[q.id] = q.h;
      byEl.set(qe, q);
      if (q.ol) q.start = order(q);
      if (q.ta) q.passage = Array.from($('[data-passage]', qe).textContent);
      $('details.kefu-answer', qe).open = true;
      return q;
    });
    function unitData() { var d = mem[course]; return (d[unit] = d[unit] || { q: {} }); }
    function order(q) { return $$('[data-option]', q.ol).map(function (li) { return li.dataset.option; }); }
    function figures(a) { return { speed: Math.round(a.s), accuracy: (a.c * 100).toFixed(1) }; }

    function answer(q) { // the answer given, or null when there is none yet
      var t = q.type, v;
      if (q.fill) return fold(q.fill.value) ? q.fill.value : null;
      if (q.ol) return order(q);
      if (q.ta) return q.tp ? { s: q.tp.s, c: q.tp.c, d: q.tp.d } : null;
      v = $$('input:checked', q.el).map(function (i) { return i.value; });
      return v.length ? (t == 'multiple' ? v : v[0]) : null;
    }
    function right(q, a) {
      var k = q.key;
      switch (q.type) {
        case 'fill': return k.indexOf(fold(a)) >= 0;
        case 'multiple': return a.length == k.length && k.every(function (x) { return a.indexOf(x) >= 0; });
        case 'order': return a.join() == k.join();
        case 'typing': return !!a.d && a.s >= k.speed && a.c >= k.accuracy; // the whole passage, fast and right
        default: return a == String(k);
      }
    }
    function put(q, a) { // show a saved answer in the inputs
      if (q.fill) q.fill.value = a;
      else if (q.ol) a.forEach(function (k) { var li = $('[data-option="' + k + '"]', q.ol); if (li) q.ol.appendChild(li); });
      else if (!q.ta) $$('input', q.el).forEach(function (i) { i.checked = [].concat(a).indexOf(i.value) >= 0; });
    }
    function lock(q, on) {
      q.locked = on;
      $$('input,[data-move]', q.el).forEach(function (i) { i.disabled = on; });
      if (q.ta) q.ta.readOnly = on;
      $('[data-quiz-check]', q.el).hidden = on;
      $('[data-quiz-retry]', q.el).hidden = !on;
      var rv = $('[data-quiz-reveal]', q.el);
      if (rv) { rv.hidden = !on; if (!on) reveal(q, rv, false); }
      if (!on) {
        delete q.el.dataset.state;
        q.res.textContent = '';
        $$('[data-feedback-for]', q.el).forEach(function (f) { f.hidden = true; });
      }
    }
    function show(q, ok, a) { // the state after a check: result, feedback of the chosen options, explanation
      var chosen = q.ol ? q.start : [].concat(a);
      q.el.dataset.state = ok ? 'correct' : 'incorrect';
      q.res.textContent = q.ta ? (ok ? S.typing_passed : a.d ? S.typing_failed : S.typing_unfinished) + ' ' + fmt(S.typing_stats, figures(a))
        : ok ? S.result_correct : S.result_incorrect;
      $$('[data-feedback-for]', q.el).forEach(function (f) { f.hidden = chosen.indexOf(f.dataset.feedbackFor) < 0; });
      lock(q, true);
    }
    function best(q, r) {
      var b = r && r.h === q.h && r.tb, out = $('[data-typing-best]', q.el);
      if (out) out.textContent = b ? fmt(S.typing_best, figures(b)) : '';
    }
    function reveal(q, b, on) {
      on = q.el.classList.toggle('kefu-revealed', on);
      b.setAttribute('aria-expanded', on);
      b.textContent = on ? S.hide_answer : S.reveal;
    }
    function tally(update) {
      var u = unitData(), st = status(u, hashes), n = qs.length, ok = passes(st.score, n, ratio);
      if (update && (!u.b || st.score > st.best)) u.b = { d: day('-'), c: st.correct };
      if (st.any) {
        el.dataset.score = st.score + '/' + n;
        el.dataset.passed = ok;
        summary.textContent = fmt(S.unit_score, { score: st.score, total: n }) + ' · ' +
          (ok ? S.unit_passed : fmt(S.unit_failed, { need: Math.ceil(ratio * n - 1e-9) }));
      } else {
        delete el.dataset.score;
        delete el.dataset.passed;
        summary.textContent = '';
      }
    }
    function check(q, auto) {
      var a = answer(q), u, r, ok;
      if (a == null) { q.res.textContent = S.need_answer; return; }
      ok = right(q, a);
      u = unitData();
      r = u.q[q.id] && u.q[q.id].h === q.h ? u.q[q.id] : { h: q.h };
      if (q.ta) {
        a.ok = ok;
        if (!r.tb || a.ok > r.tb.ok || (a.ok == r.tb.ok && a.s > r.tb.s)) r.tb = a;
      }
      r.ok = ok;
      r.a = a;
      u.q[q.id] = r;
      show(q, ok, a);
      best(q, r);
      tally(true);
      save(course);
      if (!auto) $('[data-quiz-retry]', q.el).focus();
    }
    function forget(q) { var r = unitData().q[q.id]; if (r) { delete r.ok; delete r.a; } }
    function restart(q) { // typing starts over
      q.tp = null;
      q.ta.value = '';
      q.stats.textContent = '';
    }
    function retry(q) {
      forget(q);
      save(course);
      lock(q, false);
      if (q.ta) restart(q);
      tally();
      ($('input,textarea,[data-option]', q.el) || q.el).focus();
    }
    function reset() {
      qs.forEach(function (q) {
        forget(q);
        lock(q, false);
        if (q.fill) q.fill.value = '';
        else if (q.ol) put(q, q.start);
        else if (q.ta) restart(q);
        else put(q, []);
      });
      save(course);
      tally();
    }
    function move(q, li, up) {
      var sib = up ? li.previousElementSibling : li.nextElementSibling, items;
      if (q.locked || !sib) return;
      q.ol.insertBefore(sib, up ? li.nextSibling : li); // move the neighbour: focus stays put
      items = $$('[data-option]', q.ol);
      live.textContent = fmt(S.order_moved, { item: $('.kefu-option-text', li).textContent, n: items.indexOf(li) + 1, total: items.length });
    }
    function typed(q, ev) { // only committed text counts: nothing while an IME composes
      if (q.comp || ev.isComposing || q.locked) return;
      var chars = Array.from(q.ta.value), now = Date.now(), good = 0, tp;
      if (!chars.length) return restart(q);
      chars.forEach(function (ch, i) { if (ch === q.passage[i]) good++; });
      tp = q.tp = q.tp || { t0: now };
      tp.s = good / Math.max(now - tp.t0, 1000) * 60000;
      tp.c = good / chars.length;
      tp.d = chars.length >= q.passage.length;
      var f = figures(tp);
      q.stats.dataset.speed = tp.s.toFixed(1);
      q.stats.dataset.accuracy = tp.c.toFixed(4);
      q.stats.textContent = fmt(S.typing_stats, f) + fmt(S.typing_progress, { typed: chars.length, total: q.passage.length });
      if (chars.length >= q.passage.length) check(q, true);
    }

    function qOf(t) { return byEl.get(t.closest('[data-question-id]')); }
    el.addEventListener('click', function (e) {
      var b = e.target.closest('button'), q = b && qOf(b);
      if (!b) return;
      if (b.hasAttribute('data-quiz-reset')) reset();
      else if (!q) return;
      else if (b.hasAttribute('data-quiz-check')) check(q);
      else if (b.hasAttribute('data-quiz-retry')) retry(q);
      else if (b.hasAttribute('data-quiz-reveal')) reveal(q, b);
      else if (b.dataset.move) move(q, b.closest('[data-option]'), b.dataset.move == 'up');
    });
    el.addEventListener('keydown', function (e) {
      var t = e.target, q = qOf(t), li = t.closest('[data-option]');
      if (!q) return;
      if (li && (e.key == 'ArrowUp' || e.key == 'ArrowDown') && (t == li || e.altKey)) {
        e.preventDefault();
        move(q, li, e.key == 'ArrowUp');
      } else if (e.key == 'Enter' && t == q.fill) {
        e.preventDefault();
        if (!q.locked) check(q);
      }
    });
    el.addEventListener('compositionstart', function (e) { var q = qOf(e.target); if (q) q.comp = true; });
    el.addEventListener('compositionend', function (e) { var q = qOf(e.target); if (q && q.ta) { q.comp = false; typed(q, e); } });
    el.addEventListener('input', function (e) { var q = qOf(e.target); if (q && e.target == q.ta) typed(q, e); });
    ['paste', 'drop'].forEach(function (n) {
      el.addEventListener(n, function (e) { if (e.target.matches('.kefu-typing-input')) e.preventDefault(); });
    });

    var saved = load(course)[unit];
    el.classList.add('kefu-js');
    $$('[data-js]', el).forEach(function (x) { x.hidden = false; });
    qs.forEach(function (q) {
      var r = saved && saved.q && saved.q[q.id];
      if (r && r.h === q.h && 'ok' in r) { put(q, r.a); show(q, r.ok, r.a); }
      best(q, r);
    });
    tally();
    $('[data-nostore]', el).hidden = !broken;
  }

  // The progress page (table, download, clear) and a track page's completion line.
  function initUnits(el) {
    var S = JSON.parse(el.dataset.strings), course = el.dataset.course, units = JSON.parse(el.dataset.units),
      line = el.matches('[data-track-progress]') ? el : $('[data-completion]', el),
      msg = $('[data-message]', el), confirm = $('[data-clear-confirm]', el);
    function results() {
      var d = load(course);
      return units.map(function (un) {
        var st = status(d[un.id], un.questions), n = Object.keys(un.questions).length;
        return { unit: un.id, title: un.title, score: st.top, total: n, passed: passes(st.top, n, un.pass_ratio),
          date: st.date, missed: st.missed, has: st.has };
      });
    }
    function render() {
      var res = results();
      res.forEach(function (r) {
        var row = $('[data-unit="' + r.unit + '"]', el);
        if (!row) return;
        row.dataset.state = r.has ? (r.passed ? 'passed' : 'failed') : 'new';
        $('[data-unit-score]', row).textContent = r.has ? r.score + ' / ' + r.total : '–';
        $('[data-unit-state]', row).textContent = r.has ? (r.passed ? S.progress_passed : S.progress_failed) : S.progress_not_started;
      });
      line.textContent = fmt(S.track_completion, { passed: res.filter(function (r) { return r.passed; }).length, total: res.length });
      line.hidden = false;
      var ns = $('[data-nostore]', el);
      if (ns) ns.hidden = !broken;
      return res;
    }
    function download() {
      var input = $('[data-trainee]', el), name = input.value.trim(), n = Array.from(name).length, a, file;
      if (!n || n > 40) { msg.textContent = S.name_needed; return input.focus(); }
      var out = {
        format: 'kefu-academy-results', version: 1, course: course, trainee: name, exported_at: new Date().toISOString(),
        units: render().filter(function (r) { return r.has; }).map(function (r) { delete r.has; return r; })
      };
      file = 'kefu-results-' + course + '-' + name.replace(/[\\/:*?"<>|\s\x00-\x1f]+/g, '_') + '-' + day('') + '.json';
      a = document.createElement('a'); // never attached: instant navigation must not see the click
      a.href = URL.createObjectURL(new Blob([JSON.stringify(out, null, 2)], { type: 'application/json' }));
      a.download = file;
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 1000);
      msg.textContent = fmt(S.downloaded, { file: file });
    }
    if (msg) {
      el.addEventListener('click', function (e) {
        var b = e.target.closest('button');
        if (!b) return;
        if (b.hasAttribute('data-download')) download();
        else if (b.hasAttribute('data-clear')) { confirm.hidden = false; msg.textContent = ''; $('[data-clear-no]', el).focus(); }
        else if (b.hasAttribute('data-clear-no') || b.hasAttribute('data-clear-yes')) {
          if (b.hasAttribute('data-clear-yes')) {
            mem[course] = {};
            try { localStorage.removeItem(KEY + course); } catch (x) { /* memory only */ }
            render();
            msg.textContent = S.progress_cleared;
          }
          confirm.hidden = true;
          $('[data-clear]', el).focus();
        }
      });
      $('[data-trainee]', el).addEventListener('keydown', function (e) { if (e.key == 'Enter') download(); });
      $$('[data-js]', el).forEach(function (x) { x.hidden = false; });
    }
    render();
  }

  function init() {
    $$('[data-quiz],[data-progress],[data-track-progress]').forEach(function (el) {
      if (seen.has(el)) return;
      seen.add(el);
      (el.hasAttribute('data-quiz') ? initQuiz : initUnits)(el);
    });
  }
  function follow() { if (window.document$) window.document$.subscribe(init); }
  window.__kefuQuiz = init;
  init();
  if (window.document$) follow(); else document.addEventListener('DOMContentLoaded', follow);
})();
