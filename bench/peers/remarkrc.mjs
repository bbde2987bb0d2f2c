// remark with remark-lint-frontmatter-schema, one schema for every post. Copied next to the
// npm packages in bench/.tools/ by bench/run.sh, so that the imports resolve there.
import remarkFrontmatter from 'remark-frontmatter';
import remarkLintFrontmatterSchema from 'remark-lint-frontmatter-schema';

const schema = process.env.FMLINT_BENCH_SCHEMA;

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, { schemas: { [schema]: ['**/*.md', '**/*.markdown'] } }],
  ],
};
