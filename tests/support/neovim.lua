-- Neovim as the client of `fmlint server` (tests/editor_neovim.rs runs it headless).
-- It opens a post, waits for the diagnostics, applies the quick fix for the title and then the
-- fix-all code action, writes the buffer, and reports what it saw as JSON. Written for the API
-- of Neovim 0.7 (Debian 12's package; `vim.lsp.start` came in 0.8), which later versions keep.
-- Every wait has a timeout; whatever happens, the report is written and Neovim quits.

local bin = os.getenv('FMLINT_BIN')
local post = os.getenv('FMLINT_POST')
local out_path = os.getenv('FMLINT_OUT')
local WAIT = 30000
local result = {}

local function report()
  local f = assert(io.open(out_path, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local function diagnostics(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, {
      code = d.code,
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
    })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then return a.lnum < b.lnum end
    if a.col ~= b.col then return a.col < b.col end
    return a.code < b.code
  end)
  return out
end

local function has_code(buf, code)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == code then return true end
  end
  return false
end

local function code_actions(buf, range, only)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = range,
    context = { diagnostics = {}, only = only },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, WAIT)
  local actions = {}
  for _, r in pairs(responses or {}) do
    assert(not r.err, vim.inspect(r.err))
    for _, a in ipairs(r.result or {}) do table.insert(actions, a) end
  end
  return actions
end

local function buffer_text(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') .. '\n'
end

local ok, err = xpcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(post))
  local buf = vim.api.nvim_get_current_buf()
  local id = vim.lsp.start_client({
    name = 'fmlint',
    cmd = { bin, 'server' },
    root_dir = vim.fn.fnamemodify(post, ':p:h:h'),
    on_exit = function(code) result.server_exit = code end,
  })
  assert(id, 'the client did not start')
  vim.lsp.buf_attach_client(buf, id)
  local client = vim.lsp.get_client_by_id(id)

  assert(vim.wait(WAIT, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'no diagnostics came')
  result.encoding = client.offset_encoding
  result.before = diagnostics(buf)

  -- The quick fix of the title's diagnostic (its line starts `title: `, ASCII in any encoding).
  local title_line
  for _, d in ipairs(result.before) do
    if d.code == 'FM602' then title_line = d.lnum end
  end
  assert(title_line, 'no FM602')
  local at = { line = title_line, character = 7 }
  local quick
  for _, a in ipairs(code_actions(buf, { start = at, ['end'] = at }, { 'quickfix' })) do
    if a.title:match('^Fix FM602') then quick = a end
  end
  assert(quick, 'no quick fix for FM602')
  result.quickfix_title = quick.title
  vim.lsp.util.apply_workspace_edit(quick.edit, client.offset_encoding)
  result.after_quickfix = buffer_text(buf)
  assert(vim.wait(WAIT, function() return not has_code(buf, 'FM602') end, 20), 'FM602 stayed')
  result.after_quickfix_diagnostics = diagnostics(buf)

  -- Every safe fix at once.
  local origin = { line = 0, character = 0 }
  local all = code_actions(buf, { start = origin, ['end'] = origin }, { 'source.fixAll.fmlint' })
  assert(#all == 1, 'expected one fix-all action, got ' .. #all)
  result.fix_all_kind = all[1].kind
  vim.lsp.util.apply_workspace_edit(all[1].edit, client.offset_encoding)
  result.text = buffer_text(buf)
  vim.wait(WAIT, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  result.after = diagnostics(buf)
  vim.cmd('write')
  vim.lsp.stop_client(id)
  vim.wait(WAIT, function() return result.server_exit ~= nil end, 20)
end, debug.traceback)

if not ok then result.error = tostring(err) end
report()
vim.cmd('qall!')
