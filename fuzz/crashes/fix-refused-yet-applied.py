exec n s if y in s else
exec n

