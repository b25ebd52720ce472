/** The opf options the run panel offers (the numeric ones; the contract's OpfOptions holds defaults and checks). */
export const OPF_OPTION_FIELDS = [
  { key: 'polygonSides', label: 'Polygon sides', placeholder: '12' },
  { key: 'certificateTolerance', label: 'Certificate tol.', placeholder: '1e-6' },
];
