-- Neovim (0.7.2, headless) as the language server's client: open the
-- classic case, wait for modlint's diagnostics, pick the MOD004 quick fix
-- from the code action menu, and write what happened to $MODLINT_NVIM_OUT.
local modlint = os.getenv('MODLINT_BIN')
local out_path = os.getenv('MODLINT_NVIM_OUT')
local result = {}

local function finish()
  local f = io.open(out_path, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = 'modlint',
    cmd = { modlint, 'server' },
    root_dir = vim.fn.getcwd(),
    init_options = { ['unsafe-fixes'] = false },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  result.attached = vim.wait(10000, function()
    return #vim.diagnostic.get(bufnr) > 0
  end, 20)
  local diags = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(diags, {
      code = d.user_data and d.user_data.lsp and d.user_data.lsp.code,
      source = d.source, lnum = d.lnum, col = d.col, severity = d.severity,
      message = d.message,
    })
  end
  table.sort(diags, function(a, b) return a.code < b.code end)
  result.diagnostics = diags

  -- The code action menu at the imp.new_module call; the person picks MOD004's fix.
  vim.api.nvim_win_set_cursor(0, { 16, 12 })
  local before = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  local titles = {}
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local action = item[2]
      table.insert(titles, action.title)
      if action.title:find('^Fix MOD004') then
        on_choice(item, i)
        return
      end
    end
    on_choice(nil, nil)
  end
  vim.lsp.buf.code_action()
  result.changed = vim.wait(10000, function()
    return not vim.deep_equal(before, vim.api.nvim_buf_get_lines(bufnr, 0, -1, false))
  end, 20)
  result.titles = titles
  result.text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n') .. '\n'
  -- After the fix the server re-lints: MOD004 is gone.
  result.relinted = vim.wait(10000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.user_data.lsp.code == 'MOD004' then return false end
    end
    return true
  end, 20)
  vim.lsp.stop_client(client_id)
end)
if not ok then result.error = tostring(err) end
finish()
