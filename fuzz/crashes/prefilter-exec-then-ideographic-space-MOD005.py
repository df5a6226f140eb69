exec　code
