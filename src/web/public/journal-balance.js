// Progressive enhancement for the manual journal entry form: a running balance of debits and
// credits, and no submitting while they differ. Without JavaScript the server refuses it instead.
const form = document.querySelector('form[data-balance]');
if (form) {
  const out = form.querySelector('[data-running]');
  const pence = (v) => {
    const m = /^\s*£?\s*(\d+)(?:\.(\d{1,2}))?\s*$/.exec(v || '');
    return m ? Number(m[1]) * 100 + Number((m[2] || '0').padEnd(2, '0')) : 0;
  };
  const pounds = (p) => '£' + (p / 100).toFixed(2);
  const totals = () => {
    let d = 0;
    let c = 0;
    form.querySelectorAll('input[name^="debit-"]').forEach((i) => (d += pence(i.value)));
    form.querySelectorAll('input[name^="credit-"]').forEach((i) => (c += pence(i.value)));
    return { d, c };
  };
  const show = () => {
    const { d, c } = totals();
    out.textContent = d === c ? `Balanced: debits ${pounds(d)}, credits ${pounds(c)}` : `Not balanced: debits ${pounds(d)}, credits ${pounds(c)}, difference ${pounds(Math.abs(d - c))}`;
  };
  form.addEventListener('input', show);
  form.addEventListener('submit', (e) => {
    const { d, c } = totals();
    if (d !== c || d === 0) {
      e.preventDefault();
      show();
      out.focus();
    }
  });
  show();
}
