locals {
  empty_tuple  = []
  empty_object = {}
  tuple        = [1, "two", true, null]
  trailing     = ["a", "b",]
  multi_line   = [
    "a",
    "b"
  ]
  nested       = [[1, 2], [3, [4, 5]], []]
  object_eq    = { a = 1, b = 2 }
  object_colon = { "a": 1, "b": 2 }
  object_lines = {
    a = 1
    b = 2,
    c = 3
  }
  key_kinds = {
    identifier     = 1
    "quoted"       = 2
    "with spaces"  = 3
    (local.dynamic) = 4
    "${var.prefix}-x" = 5
    42             = 6
    dotted.key     = 7
  }
  duplicates = { a = 1, a = 2 }
  nested_obj = {
    level1 = {
      level2 = {
        level3 = [{ deep = true }]
      }
    }
  }
  mixed = [
    { name = "a", values = [1, 2] },
    { name = "b", values = [] },
  ]
  tags = merge(var.tags, {
    Name        = "orders"
    Environment = var.env
  })
}
