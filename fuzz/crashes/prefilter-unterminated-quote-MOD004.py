import imp"imp.new_module()

