/* 客服学堂 quizzes, progress and track pages; instant navigation re-runs it for new elements. */
(function () {
  'use strict';
  if (window.__kefuQuiz) return window.__kefuQuiz();
  const STORAGE_PREFIX = 'kefu-progress:';
  const table = entries => Object.assign(Object.create(null), Object.fromEntries(entries)); // any id is a safe key
  const progressByCourse = table([]), initialised = new WeakSet();
  let storageBroken = false; // then progress is kept in memory only

  function find(selector, root) { return (root || document).querySelector(selector); }
  function findAll(selector, root) { return Array.from((root || document).querySelectorAll(selector)); }
  function required(selector, root) {
    const element = find(selector, root);
    if (!element) throw new Error('missing ' + selector);
    return element;
  }
  function fillIn(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (Object.keys(values).includes(name) ? values[name] : whole));
  }
  function fold(text) { return text.normalize('NFKC').toLowerCase().trim().split(/\s+/).join(' '); }
  function today(separator) {
    const now = new Date();
    return [now.getFullYear(), now.getMonth() + 1, now.getDate()].map(part => (part < 10 ? '0' : '') + part).join(separator);
  }
  function passes(score, total, ratio) { return total > 0 && score / total >= ratio; }

  // Stored: {unit id: {q: {question id: record}, b: {d: date, c: {question id: hash}}}}; record:
  // {h: hash, ok, a: answer, tb: best typing}; typing: {s: speed, c: accuracy, d: done, ok}.
  // Read back part by part: a part of the wrong shape is dropped alone.
  const isObject = value => value !== null && typeof value === 'object' && !Array.isArray(value);
  const isText = value => typeof value === 'string';
  const isBetween = (value, low, high) => typeof value === 'number' && value >= low && value <= high;
  const entriesOf = value => (isObject(value) ? Object.entries(value) : []);
  const isTyping = value => isObject(value) && isBetween(value.s, 0, 1e5) && isBetween(value.c, 0, 1) &&
    typeof value.d === 'boolean' && [undefined, true, false].includes(value.ok);
  const isAnswer = value => isText(value) || isTyping(value) || (Array.isArray(value) && value.every(isText));
  function readRecord(value) {
    if (!isObject(value) || !isText(value.h)) return null;
    const record = { h: value.h };
    if (typeof value.ok === 'boolean' && isAnswer(value.a)) Object.assign(record, { ok: value.ok, a: value.a });
    if (isTyping(value.tb)) record.tb = value.tb;
    return record;
  }
  function readUnit(value) {
    const unit = { q: table(entriesOf(value.q).map(([id, record]) => [id, readRecord(record)]).filter(([, record]) => record)) };
    const best = value.b;
    if (isObject(best) && isText(best.d) && /^\d{4}-\d\d-\d\d$/.test(best.d) && isObject(best.c)) {
      unit.b = { d: best.d, c: table(entriesOf(best.c).filter(([, hash]) => isText(hash))) };
    }
    return unit;
  }
  function readProgress(text) {
    let stored = null;
    try { stored = JSON.parse(text); } catch (error) { /* not JSON: nothing to keep */ }
    return table(entriesOf(stored).filter(([, unit]) => isObject(unit)).map(([id, unit]) => [id, readUnit(unit)]));
  }

  function load(course) {
    if (!storageBroken) {
      try {
        localStorage.setItem(STORAGE_PREFIX, 1); // may read but not write (old private modes)
        localStorage.removeItem(STORAGE_PREFIX);
        progressByCourse[course] = readProgress(localStorage.getItem(STORAGE_PREFIX + course));
      } catch (error) { storageBroken = true; }
    }
    return (progressByCourse[course] = progressByCourse[course] || table([]));
  }
  function save(course) {
    try { localStorage.setItem(STORAGE_PREFIX + course, JSON.stringify(progressByCourse[course])); } catch (error) { storageBroken = true; }
  }
  function clear(course) {
    progressByCourse[course] = table([]);
    try { localStorage.removeItem(STORAGE_PREFIX + course); } catch (error) { /* memory only */ }
  }

  function status(unit, hashes) {
    const result = { score: 0, best: 0, any: false, missed: [], correct: table([]) }, best = unit && unit.b;
    Object.keys(hashes).forEach(id => {
      const record = unit && unit.q[id];
      if (!record || record.h !== hashes[id] || typeof record.ok !== 'boolean') return;
      result.any = true;
      if (record.ok) { result.score++; result.correct[id] = record.h; } else result.missed.push(id);
    });
    if (best) Object.keys(best.c).forEach(id => { if (hashes[id] === best.c[id]) result.best++; });
    result.has = result.any || !!best;
    result.date = best ? best.d : today('-');
    result.top = Math.max(result.best, result.score);
    return result;
  }

  function setUpQuiz(root) {
    const S = JSON.parse(root.dataset.strings), course = root.dataset.course, unitId = root.dataset.quiz,
      passRatio = Number(root.dataset.passRatio), summary = required('[data-quiz-summary]', root),
      announcer = required('[data-live]', root), noStorageNote = required('[data-nostore]', root),
      elements = findAll('[data-question-id]', root), questions = new Map(),
      hashes = table(elements.map(element => [element.dataset.questionId, element.dataset.questionHash]));

    function readQuestion(element) {
      const question = { element, type: element.dataset.questionType, key: JSON.parse(element.dataset.answer),
        id: element.dataset.questionId, hash: element.dataset.questionHash, result: required('.kefu-result', element),
        answerBlock: required('details.kefu-answer', element), checkButton: required('[data-quiz-check]', element),
        retryButton: required('[data-quiz-retry]', element), revealButton: find('[data-quiz-reveal]', element),
        values: findAll('input', element).map(input => input.value) };
      if (question.type === 'fill') question.fill = required('.kefu-fill', element);
      if (question.type === 'order') {
        question.list = required('.kefu-order', element);
        question.start = orderOf(question);
      }
      if (question.type === 'typing') {
        question.textarea = required('textarea', element);
        question.stats = required('[data-typing-stats]', element);
        question.passage = Array.from(required('[data-passage]', element).textContent);
      }
      return question;
    }
    function answerFits(question, answer) { // a stored answer this question can show
      switch (question.type) {
        case 'fill': return isText(answer);
        case 'typing': return isObject(answer);
        case 'order': return Array.isArray(answer) && answer.length === question.start.length && question.start.every(key => answer.includes(key));
        case 'multiple': return Array.isArray(answer) && answer.every(key => question.values.includes(key));
        default: return question.values.includes(answer);
      }
    }
    function unitProgress() {
      const units = progressByCourse[course];
      return (units[unitId] = units[unitId] || { q: table([]) });
    }
    function orderOf(question) { return findAll('[data-option]', question.list).map(item => item.dataset.option); }
    function figures(typing) { return { speed: Math.round(typing.s), accuracy: (typing.c * 100).toFixed(1) }; }

    function answerOf(question) {
      const typing = question.typing, chosen = findAll('input:checked', question.element).map(input => input.value);
      if (question.fill) return fold(question.fill.value) ? question.fill.value : null;
      if (question.list) return orderOf(question);
      if (question.textarea) return typing ? { s: typing.s, c: typing.c, d: typing.d } : null;
      if (!chosen.length) return null;
      return question.type === 'multiple' ? chosen : chosen[0];
    }
    function isRight(question, answer) {
      const key = question.key;
      switch (question.type) {
        case 'fill': return key.includes(fold(answer));
        case 'multiple': return answer.length === key.length && key.every(option => answer.includes(option));
        case 'order': return answer.join() === key.join();
        case 'typing': return answer.d && answer.s >= key.speed && answer.c >= key.accuracy; // the whole passage, fast and right
        default: return answer === String(key);
      }
    }
    function put(question, answer) { // show a saved answer in the inputs
      const items = question.list ? findAll('[data-option]', question.list) : [];
      if (question.fill) question.fill.value = answer;
      else if (question.list) answer.forEach(key => question.list.appendChild(items.find(item => item.dataset.option === key)));
      else if (!question.textarea) findAll('input', question.element).forEach(input => { input.checked = [].concat(answer).includes(input.value); });
    }
    function lock(question, locked) {
      question.locked = locked;
      findAll('input,[data-move]', question.element).forEach(control => { control.disabled = locked; });
      if (question.textarea) question.textarea.readOnly = locked;
      question.checkButton.hidden = locked;
      question.retryButton.hidden = !locked;
      if (question.revealButton) question.revealButton.hidden = !locked;
      if (locked) return;
      if (question.revealButton) reveal(question, false);
      delete question.element.dataset.state;
      question.result.textContent = '';
      showFeedback(question, []);
    }
    function showFeedback(question, keys) {
      findAll('[data-feedback-for]', question.element).forEach(feedback => { feedback.hidden = !keys.includes(feedback.dataset.feedbackFor); });
    }
    function resultText(question, correct, answer) {
      if (!question.textarea) return correct ? S.result_correct : S.result_incorrect;
      return (correct ? S.typing_passed : answer.d ? S.typing_failed : S.typing_unfinished) + ' ' + fillIn(S.typing_stats, figures(answer));
    }
    function show(question, correct, answer) { // the state after a check
      question.element.dataset.state = correct ? 'correct' : 'incorrect';
      question.result.textContent = resultText(question, correct, answer);
      showFeedback(question, question.list ? question.start : [].concat(answer));
      lock(question, true);
    }
    function showBest(question, record) {
      const best = record && record.h === question.hash && record.tb, line = find('[data-typing-best]', question.element);
      if (line) line.textContent = best ? fillIn(S.typing_best, figures(best)) : '';
    }
    function reveal(question, shown) {
      shown = question.element.classList.toggle('kefu-revealed', shown);
      question.revealButton.setAttribute('aria-expanded', shown);
      question.revealButton.textContent = shown ? S.hide_answer : S.reveal;
    }
    function tally(update) {
      const unit = unitProgress(), result = status(unit, hashes), total = elements.length,
        passed = passes(result.score, total, passRatio), need = Math.ceil(passRatio * total - 1e-9);
      if (update && (!unit.b || result.score > result.best)) unit.b = { d: today('-'), c: result.correct };
      if (result.any) {
        root.dataset.score = result.score + '/' + total;
        root.dataset.passed = passed;
        summary.textContent = fillIn(S.unit_score, { score: result.score, total }) + ' · ' + (passed ? S.unit_passed : fillIn(S.unit_failed, { need }));
      } else {
        delete root.dataset.score;
        delete root.dataset.passed;
        summary.textContent = '';
      }
    }
    function store() {
      save(course);
      noStorageNote.hidden = !storageBroken; // a write can fail later (storage full)
    }
    function check(question, automatic) {
      const answer = answerOf(question);
      if (answer === null) { question.result.textContent = S.need_answer; return; }
      const correct = isRight(question, answer), unit = unitProgress(), old = unit.q[question.id];
      const record = old && old.h === question.hash ? old : { h: question.hash }, best = record.tb;
      if (question.textarea) answer.ok = correct;
      if (question.textarea && (!best || (correct && !best.ok) || (correct === !!best.ok && answer.s > best.s))) record.tb = answer;
      unit.q[question.id] = Object.assign(record, { ok: correct, a: answer });
      show(question, correct, answer);
      showBest(question, record);
      tally(true);
      store();
      if (!automatic) question.retryButton.focus();
    }
    function forget(question) {
      const record = unitProgress().q[question.id];
      if (record) { delete record.ok; delete record.a; }
    }
    function restartTyping(question) {
      question.typing = null;
      question.textarea.value = '';
      question.stats.textContent = '';
    }
    function retry(question) {
      forget(question);
      store();
      lock(question, false);
      if (question.textarea) restartTyping(question);
      tally();
      (find('input,textarea,[data-option]', question.element) || question.element).focus();
    }
    function reset() {
      questions.forEach(question => {
        forget(question);
        lock(question, false);
        if (question.fill) question.fill.value = '';
        else if (question.list) put(question, question.start);
        else if (question.textarea) restartTyping(question);
        else put(question, []);
      });
      store();
      tally();
    }
    function move(question, item, up) {
      const neighbour = up ? item.previousElementSibling : item.nextElementSibling;
      if (question.locked || !neighbour) return;
      question.list.insertBefore(neighbour, up ? item.nextSibling : item); // move the neighbour: focus stays put
      const items = findAll('[data-option]', question.list);
      announcer.textContent = fillIn(S.order_moved, { item: find('.kefu-option-text', item).textContent, n: items.indexOf(item) + 1, total: items.length });
    }
    function typed(question, event) { // only committed text counts: nothing while an IME composes
      if (question.composing || event.isComposing || question.locked) return;
      const characters = Array.from(question.textarea.value), now = Date.now(), total = question.passage.length;
      if (!characters.length) return restartTyping(question);
      const good = characters.filter((character, index) => character === question.passage[index]).length;
      const typing = question.typing = question.typing || { started: now };
      typing.s = good / Math.max(now - typing.started, 1000) * 60000;
      typing.c = good / characters.length;
      typing.d = characters.length >= total;
      question.stats.dataset.speed = typing.s.toFixed(1);
      question.stats.dataset.accuracy = typing.c.toFixed(4);
      question.stats.textContent = fillIn(S.typing_stats, figures(typing)) + fillIn(S.typing_progress, { typed: characters.length, total });
      if (typing.d) check(question, true);
    }
    function start(element, saved) {
      const question = readQuestion(element), record = saved && saved.q[question.id];
      if (record && record.h === question.hash && typeof record.ok === 'boolean') {
        if (answerFits(question, record.a)) {
          put(question, record.a);
          show(question, record.ok, record.a);
        } else { // not counted either, here or on the progress page
          forget(question);
          save(course);
        }
      }
      showBest(question, record);
      findAll('[data-js]', element).forEach(hidden => { hidden.hidden = false; });
      question.answerBlock.open = true;
      questions.set(element, question);
    }

    function questionOf(target) { return questions.get(target.closest('[data-question-id]')); }
    function onClick(event) {
      const button = event.target.closest('button'), question = button && questionOf(button);
      if (!button) return;
      if (button.hasAttribute('data-quiz-reset')) reset();
      else if (!question) return;
      else if (button.hasAttribute('data-quiz-check')) check(question);
      else if (button.hasAttribute('data-quiz-retry')) retry(question);
      else if (button.hasAttribute('data-quiz-reveal')) reveal(question);
      else if (button.dataset.move) move(question, button.closest('[data-option]'), button.dataset.move === 'up');
    }
    function onKey(event) {
      const target = event.target, question = questionOf(target), item = target.closest('[data-option]');
      if (!question) return;
      if (item && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && (target === item || event.altKey)) {
        event.preventDefault();
        move(question, item, event.key === 'ArrowUp');
      } else if (event.key === 'Enter' && target === question.fill) {
        event.preventDefault();
        if (!question.locked) check(question);
      }
    }
    function onTyping(event) {
      const question = questionOf(event.target);
      if (!question || event.target !== question.textarea) return;
      if (event.type !== 'input') question.composing = event.type === 'compositionstart';
      typed(question, event);
    }

    const saved = load(course)[unitId];
    elements.forEach(element => {
      try { start(element, saved); } catch (error) { console.error('kefu: question not graded', element, error); }
    });
    root.addEventListener('click', onClick);
    root.addEventListener('keydown', onKey);
    ['input', 'compositionstart', 'compositionend'].forEach(name => root.addEventListener(name, onTyping));
    ['paste', 'drop'].forEach(name => root.addEventListener(name, event => { if (event.target.matches('.kefu-typing-input')) event.preventDefault(); }));
    root.classList.add('kefu-js');
    findAll('[data-js]', root).forEach(hidden => { if (!hidden.closest('[data-question-id]')) hidden.hidden = false; });
    tally();
    noStorageNote.hidden = !storageBroken;
  }

  // The progress page or a track's completion line.
  function setUpProgress(root) {
    const S = JSON.parse(root.dataset.strings), course = root.dataset.course,
      units = JSON.parse(root.dataset.units).map(unit => Object.assign(unit, { hashes: table(entriesOf(unit.questions)) })),
      line = root.matches('[data-track-progress]') ? root : required('[data-completion]', root),
      message = find('[data-message]', root), confirmation = find('[data-clear-confirm]', root),
      scope = root.closest('.kefu-track') || root, rows = findAll('[data-unit]', scope), next = find('[data-continue]', scope);

    function results() {
      const progress = load(course);
      return units.map(unit => {
        const result = status(progress[unit.id], unit.hashes), total = Object.keys(unit.hashes).length;
        return { unit: unit.id, title: unit.title, score: result.top, total, passed: passes(result.top, total, unit.pass_ratio),
          date: result.date, missed: result.missed, has: result.has };
      });
    }
    function showRow(result, row) {
      row.dataset.state = result.has ? (result.passed ? 'passed' : 'started') : 'new';
      find('[data-unit-score]', row).textContent = result.has ? result.score + ' / ' + result.total : '–';
      find('[data-unit-state]', row).textContent = !result.has ? S.progress_not_started : result.passed ? S.progress_passed : S.progress_failed;
    }
    function render() {
      const shown = results(), noStorageNote = find('[data-nostore]', root);
      shown.forEach(result => rows.forEach(row => { if (row.dataset.unit === result.unit) showRow(result, row); }));
      if (next) showNext(next, shown, units, S);
      line.textContent = fillIn(S.track_completion, { passed: shown.filter(result => result.passed).length, total: shown.length });
      line.hidden = false;
      if (noStorageNote) noStorageNote.hidden = !storageBroken;
      return shown;
    }
    function download() {
      const input = find('[data-trainee]', root), name = input.value.trim(), length = Array.from(name).length;
      if (!length || length > 40) { message.textContent = S.name_needed; return input.focus(); }
      const report = {
        format: 'kefu-academy-results', version: 1, course, trainee: name, exported_at: new Date().toISOString(),
        units: render().filter(result => result.has).map(result => { delete result.has; return result; })
      };
      const file = 'kefu-results-' + course + '-' + name.replace(/[\\/:*?"<>|\s\x00-\x1f]+/g, '_') + '-' + today('') + '.json';
      const link = document.createElement('a'); // never attached: instant navigation must not see the click
      link.href = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
      link.download = file;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      message.textContent = fillIn(S.downloaded, { file });
    }
    function onClick(event) {
      const button = event.target.closest('button');
      if (!button) return;
      if (button.hasAttribute('data-download')) download();
      else if (button.hasAttribute('data-clear')) {
        confirmation.hidden = false;
        message.textContent = '';
        find('[data-clear-no]', root).focus();
      } else if (button.hasAttribute('data-clear-no') || button.hasAttribute('data-clear-yes')) {
        if (button.hasAttribute('data-clear-yes')) {
          clear(course);
          render();
          message.textContent = S.progress_cleared;
        }
        confirmation.hidden = true;
        find('[data-clear]', root).focus();
      }
    }
    if (message) {
      root.addEventListener('click', onClick);
      find('[data-trainee]', root).addEventListener('keydown', event => { if (event.key === 'Enter') download(); });
      findAll('[data-js]', root).forEach(hidden => { hidden.hidden = false; });
    }
    render();
  }

  // A track's 继续学习 link: the first unit not passed yet, or the track page once all are.
  function showNext(link, shown, units, S) {
    const unit = units[shown.findIndex(result => !result.passed)];
    link.href = unit ? unit.url : link.dataset.done;
    link.textContent = unit ? fillIn(shown.some(result => result.has) ? S.continue_unit : S.start_unit, unit) : S.track_done;
  }

  // Unit pages: follow the track the trainee came from (kept for the tab), else the first.
  const TRACK_KEY = 'kefu-track';
  function remember(track) { try { sessionStorage.setItem(TRACK_KEY, track); } catch (error) { /* not kept */ } }
  function followTrack(blocks) {
    let wanted = null;
    try { wanted = sessionStorage.getItem(TRACK_KEY); } catch (error) { /* the first track */ }
    const first = blocks[0].dataset.unitNav, track = blocks.some(block => block.dataset.unitNav === wanted) ? wanted : first,
      footer = find('.md-footer__inner');
    blocks.forEach(block => { block.hidden = block.dataset.unitNav !== track; });
    if (footer) footer.hidden = track !== first; // the theme's footer follows the first track
    remember(track);
  }
  document.addEventListener('click', event => {
    const link = event.target.closest && event.target.closest('a[data-track]');
    if (link) remember(link.dataset.track);
  }, true);

  function init() {
    findAll('[data-quiz],[data-progress],[data-track-progress]').forEach(widget => {
      if (initialised.has(widget)) return;
      initialised.add(widget);
      try { (widget.hasAttribute('data-quiz') ? setUpQuiz : setUpProgress)(widget); } catch (error) {
        console.error('kefu: widget not set up', widget, error);
      }
    });
    const blocks = findAll('[data-unit-nav]');
    if (blocks.length && !initialised.has(blocks[0])) {
      initialised.add(blocks[0]);
      followTrack(blocks);
    }
  }
  function follow() { if (window.document$) window.document$.subscribe(init); }
  window.__kefuQuiz = init;
  init();
  if (window.document$) follow(); else document.addEventListener('DOMContentLoaded', follow);
})();
