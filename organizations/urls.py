app_name = "organizations"

urlpatterns: list = []
