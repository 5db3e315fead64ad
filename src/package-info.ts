/** Who flowmap is and where it lives: the one place the CLI takes its version and every URL it
 *  prints or writes (SARIF `informationUri` and `helpUri`, rule docs, bug reports) from. Read from
 *  package.json, which esbuild inlines into the bundle, so a release changes one file. */
import pkg from "../package.json" with { type: "json" };

export const version: string = pkg.version;

/** `git+https://host/owner/repo.git` (package.json's form) → `https://host/owner/repo`. */
export function repositoryWebUrl(url: string): string {
  return url.replace(/^git\+/, "").replace(/\.git$/, "");
}

/** The repository's web page: package.json's `repository.url`. */
export const repositoryUrl = repositoryWebUrl(pkg.repository.url);
export const bugsUrl: string = pkg.bugs.url;
/** The rule pages; `<rule id>.md` is appended. They are also in the package, under docs/rules/. */
export const ruleDocsBase = `${repositoryUrl}/blob/main/docs/rules/`;
/** The GitHub Actions workflow a team copies into its repository. */
export const workflowUrl = `${repositoryUrl}/blob/main/docs/github-actions.yml`;
