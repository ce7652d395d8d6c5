// The model and its key formulas, typeset with KaTeX, next to the live values for the current
// parameters. Only the constant TeX strings below are ever typeset; live numbers are plain text.
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useApp } from '../../state/store.ts';
import { formatNumber } from '../../view/format.ts';
import './formulas.css';

const NO_ROOTS: number[] = [];

const TEX = {
  target: String.raw`f^*(x)=\sum_{j=1}^{k}\sigma^*(v_j\cdot x),\quad x\sim\mathcal N(0,I_d)`,
  student: String.raw`f(x)=\sum_{i=1}^{n}\sigma(w_i\cdot x),\quad w_i\in S^{d-1}`,
  kernel: String.raw`\varphi(t)=\mathbb E\,[\sigma(w\cdot x)\,\sigma^*(v\cdot x)]=\sum_{p} a_p b_p\,t^{p}\quad (t=w\cdot v)`,
  loss: String.raw`L(w)=-\sum_{j=1}^{k}\varphi(w\cdot v_j)`,
  ode: String.raw`\frac{du}{dt}=G\,\varphi'(u)-u\,\bigl(u\cdot\varphi'(u)\bigr),\quad u=V^{\top}w,\ G=V^{\top}V`,
  betaC: String.raw`\beta_c=\frac{p^*-2}{k+p^*-2}`,
  uStar: String.raw`u^*=\sqrt{\frac{1+(k-1)\beta}{k}}`,
  muSpan: String.raw`\mu_{\mathrm{span}}=k\,u^*\varphi'(u^*)-(1-\beta)\,\varphi''(u^*)`,
} as const;

type TexKey = keyof typeof TEX;

// typeset once per page: the strings are constants. The props objects are constants too: React
// sets innerHTML again whenever the object is new, and the live values below re-render this
// list on every β input of a drag.
const HTML = Object.fromEntries(
  Object.entries(TEX).map(([key, tex]) => [key, { __html: katex.renderToString(tex, { throwOnError: false, output: 'htmlAndMathml' }) }]),
) as Record<TexKey, { __html: string }>;

function Tex({ name }: { name: TexKey }) {
  return <span className="tex" dangerouslySetInnerHTML={HTML[name]} />;
}

function Live({ id, value, digits = 4 }: { id: string; value: number | null; digits?: number }) {
  const ok = value !== null && Number.isFinite(value);
  return (
    <span className="live" data-testid={id} data-value={ok ? value : ''}>
      {ok ? formatNumber(value, digits) : '—'}
    </span>
  );
}

export default function Formulas() {
  const k = useApp((s) => s.params.k);
  const geom = useApp((s) => s.params.geom);
  const beta = useApp((s) => s.params.beta);
  const pStar = useApp((s) => s.info?.pStar ?? NaN);
  const kernel = useApp((s) => s.info?.kernel ?? NO_ROOTS);
  const betaC = useApp((s) => s.info?.betaC ?? NO_ROOTS);
  const average = useApp((s) => s.info?.average ?? null);
  const monomial = kernel.filter((c) => c !== 0).length === 1;
  const betaNow = geom === 'orth' ? 0 : beta;
  return (
    <div className="formula-list">
      <p>Target and student, with <i>x</i> Gaussian and unit index vectors <i>v</i><sub>j</sub>:</p>
      <p className="formula"><Tex name="target" /></p>
      <p className="formula"><Tex name="student" /></p>
      <p>Correlation kernel (Hermite coefficients <i>a</i><sub>p</sub> of σ, <i>b</i><sub>p</sub> of σ*), information exponent p* = {Number.isFinite(pStar) ? pStar : '—'}:</p>
      <p className="formula"><Tex name="kernel" /></p>
      <p>Correlation loss of one neuron, and the closed flow of its overlaps:</p>
      <p className="formula"><Tex name="loss" /></p>
      <p className="formula"><Tex name="ode" /></p>
      <p>The average point of equiangular index vectors and its threshold (now k = {k}, β = {formatNumber(betaNow, 3)}):</p>
      <p className="formula">
        <Tex name="betaC" /> ={' '}
        {betaC.length === 0 ? <span className="live" data-testid="formula-beta-c" data-value="">none</span> : <Live id="formula-beta-c" value={betaC[0]} />}
        {betaC.length > 1 && <span className="muted"> (other roots: {betaC.slice(1).map((b) => formatNumber(b, 4)).join(', ')})</span>}
        {!monomial && betaC.length > 0 && <span className="muted"> (this kernel is a mixture: the root of μ_span(β), found numerically)</span>}
      </p>
      <p className="formula">
        <Tex name="uStar" /> = <Live id="formula-u-star" value={average?.overlap ?? null} />
      </p>
      <p className="formula">
        <Tex name="muSpan" /> = <Live id="formula-mu-span" value={average?.muSpan ?? null} />
        {average && average.muSpan === null && <span className="muted"> (k = 1: w̄ = v_1, no direction in span(V) orthogonal to it)</span>}
        {average && average.muSpan !== null && <span className={`kind kind-${average.kind}`}> ({average.kind === 'saddle' ? 'μ_span < 0: saddle' : average.kind === 'minimum' ? 'μ_span > 0: minimum' : 'degenerate'})</span>}
      </p>
    </div>
  );
}
