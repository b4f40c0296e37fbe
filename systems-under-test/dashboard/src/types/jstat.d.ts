// jstat 1.9.6 ships no type declarations. These cover the part of its public API that the
// dashboard uses, read from the package's src/distribution.js.
declare module 'jstat' {
  interface StudentT {
    /** Cumulative distribution function of Student's t with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
    /** Quantile function (inverse CDF) of Student's t with `dof` degrees of freedom. */
    inv(p: number, dof: number): number;
  }

  interface Normal {
    inv(p: number, mean: number, sd: number): number;
  }

  const jStat: { studentt: StudentT; normal: Normal };
  export default jStat;
}
